// "Changes against the deployed version": which BPMN elements were added, removed or changed.
// Each element gets a signature of its own semantic properties (references as ids, contained
// elements with ids as separate entries), so moving a shape or editing its child does not mark it.

/** The slice of a moddle element the signatures need. */
export interface ModdleLike {
  $type: string;
  id?: string;
  $attrs?: Record<string, unknown>;
  $descriptor?: {
    properties: Array<{ name: string; isReference?: boolean; isMany?: boolean }>;
  };
  get?(name: string): unknown;
  [key: string]: unknown;
}

/** Properties that hold child elements (own entries) or derived/diagram data. */
const SKIPPED = new Set([
  'flowElements',
  'laneSets',
  'lanes',
  'childLaneSet',
  'artifacts',
  'participants',
  'messageFlows',
  'rootElements',
  'diagrams',
  'incoming',
  'outgoing',
  'flowNodeRef',
  'di',
  'lanes',
]);

function isModdle(value: unknown): value is ModdleLike {
  return !!value && typeof value === 'object' && typeof (value as ModdleLike).$type === 'string';
}

function normalize(value: unknown, reference: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, reference));
  if (isModdle(value)) {
    if (reference) return `#${value.id ?? ''}`;
    return ownProperties(value);
  }
  return value;
}

function ownProperties(element: ModdleLike): Record<string, unknown> {
  const out: Record<string, unknown> = { $type: element.$type };
  const properties = element.$descriptor?.properties ?? [];
  for (const property of properties) {
    if (SKIPPED.has(property.name)) continue;
    const value = element.get ? element.get(property.name) : element[property.name];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[property.name] = normalize(value, !!property.isReference);
  }
  const attrs = element.$attrs ?? {};
  for (const key of Object.keys(attrs).sort()) out[`@${key}`] = attrs[key];
  return out;
}

/** Signature of one element's own properties (stable JSON). */
export function elementSignature(element: ModdleLike): string {
  return JSON.stringify(ownProperties(element));
}

/**
 * Signatures of the elements of a BPMN definitions tree, by id: processes, collaborations,
 * participants, message flows, lanes and flow elements (also inside sub-processes).
 */
export function collectSignatures(definitions: ModdleLike | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (element: unknown): void => {
    if (!isModdle(element)) return;
    if (element.id && !element.$type.startsWith('bpmndi:')) out.set(element.id, elementSignature(element));
    for (const name of ['flowElements', 'laneSets', 'lanes', 'childLaneSet', 'artifacts', 'participants', 'messageFlows']) {
      const value = element.get ? element.get(name) : element[name];
      if (Array.isArray(value)) value.forEach(visit);
      else if (isModdle(value)) visit(value);
    }
  };
  const roots = definitions ? (definitions.get ? definitions.get('rootElements') : definitions.rootElements) : [];
  if (Array.isArray(roots)) {
    for (const root of roots) {
      // messages, signals, errors … are shared definitions, not drawn elements
      if (isModdle(root) && /^bpmn:(Process|Collaboration)$/.test(root.$type)) visit(root);
    }
  }
  return out;
}

export interface ElementDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Ids added, removed and changed from `before` to `after` (each list sorted). */
export function diffSignatures(before: Map<string, string>, after: Map<string, string>): ElementDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [id, signature] of after) {
    if (!before.has(id)) added.push(id);
    else if (before.get(id) !== signature) changed.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) removed.push(id);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

export function diffCount(diff: ElementDiff | null): number {
  return diff ? diff.added.length + diff.removed.length + diff.changed.length : 0;
}
