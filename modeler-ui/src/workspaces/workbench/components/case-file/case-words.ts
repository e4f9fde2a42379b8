// The case record in words a clerk reads: people and units by name, timeline entries as sentences.
// Pure functions (no Vue), so that the wording is tested without a browser.

export interface PersonRefLike {
  username: string;
  name: string | null;
}

export interface TimelineLike {
  kind: string;
  unit: { code: string; name: string } | null;
  actor: string | null;
  by?: PersonRefLike | null;
  params?: Record<string, string | number | boolean>;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

/** `system` is the engine's own work; anyone else by name, else by username (someone since removed). */
export function personName(person: PersonRefLike | string | null | undefined, t: Translate): string {
  if (!person) return '';
  const username = typeof person === 'string' ? person : person.username;
  if (username === 'system') return t('workbench.caseFile.system');
  return (typeof person === 'string' ? null : person.name) || username;
}

/**
 * The sentence for a timeline entry: `workbench.caseFile.event.<kind>` filled with the entry's
 * parameters (unit names the API resolved, the actor's name); the event's label when the kind has
 * no sentence yet, so that a kind added to the API later still reads sensibly.
 */
export function timelineSentence(entry: TimelineLike, t: Translate, te: Exists): string {
  const key = `workbench.caseFile.event.${entry.kind}`;
  const label = `workbench.values.event.${entry.kind}`;
  if (!te(key)) return te(label) ? t(label) : entry.kind;
  const params = entry.params ?? {};
  const dash = t('workbench.caseFile.someUnit');
  return t(key, {
    ...params,
    stepName: stepName(params.step, t, te),
    unitName: params.unitName ?? entry.unit?.name ?? dash,
    toName: params.toName ?? dash,
    fromName: params.fromName ?? entry.unit?.name ?? dash,
    who: personName(entry.by ?? entry.actor, t),
  });
}

/** A step by the name the desk shows it under (改派「调查核实」), its key when it has none. */
function stepName(step: unknown, t: Translate, te: Exists): string {
  if (typeof step !== 'string' || !step) return t('workbench.caseFile.someTask');
  const key = `workbench.steps.${step}`;
  return te(key) ? t(key) : step;
}
