// Every English string the BPMN editor hands to its `translate` service has a Chinese entry.
// The strings are read at test time from the installed editor packages (node_modules), so an
// upgrade that adds labels makes this test list them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ZH_CN_EDITOR } from '@/modeler/translate';
import { constantValues, jsFiles, LITERAL, translateKeys, unquote } from './helpers/translate-keys';

const NODE_MODULES = fileURLToPath(new URL('../node_modules', import.meta.url));

/** The editor packages the app loads (see src/components/ProcessModeler.vue). */
const SOURCES: Record<string, string[]> = {
  'bpmn-js': jsFiles(join(NODE_MODULES, 'bpmn-js/lib')),
  'diagram-js': jsFiles(join(NODE_MODULES, 'diagram-js/lib')),
  'bpmn-js-properties-panel': [join(NODE_MODULES, 'bpmn-js-properties-panel/dist/index.esm.js')],
  '@bpmn-io/properties-panel': [join(NODE_MODULES, '@bpmn-io/properties-panel/dist/index.esm.js')],
  'bpmn-js-bpmnlint': [join(NODE_MODULES, 'bpmn-js-bpmnlint/dist/index.esm.js')],
};

/** Labels that reach `translate` through data rather than a literal call. */
function indirectKeys(pkg: string, text: string, file: string): string[] {
  const keys: string[] = [];
  // bpmn-js replace (popup) menu: options carry `label: '…'`, ReplaceMenuProvider translates them
  if (pkg === 'bpmn-js' && /features[\\/](popup-menu|replace)[\\/]/.test(file)) {
    for (const m of text.matchAll(new RegExp(String.raw`^(.*)\blabel:\s*(${LITERAL})`, 'gm'))) {
      if (!m[1]!.trim().startsWith('//')) keys.push(unquote(m[2]!)); // commented-out options stay out
    }
  }
  if (pkg === 'bpmn-js-properties-panel') {
    // panel header: getTypeLabel translates the concrete type (UserTask -> 'User Task', …NonInterrupting
    // -> '… (Non Interrupting)'); every concrete type has an icon in iconsByType
    const icons = /\biconsByType\s*=\s*\{([^}]*)\}/.exec(text);
    for (const m of icons?.[1]!.matchAll(/'(\w+)':/g) ?? []) {
      keys.push(m[1]!.replace(/(\B[A-Z])/g, ' $1').replace(/(\bNon Interrupting)/g, '($1)'));
    }
    // Zeebe execution listeners: translate(`${getEventLabel(…)}: {type}`)
    if (text.includes('${getEventLabel(')) {
      for (const name of ['EVENT_TO_LABEL$2', 'MI_EVENT_TO_LABEL']) {
        keys.push(...constantValues(text, name).map((label) => `${label}: {type}`));
      }
    }
  }
  return keys;
}

function editorStrings(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const [pkg, files] of Object.entries(SOURCES)) {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const key of [...translateKeys(text), ...indirectKeys(pkg, text, file)]) {
        if (!found.has(key)) found.set(key, new Set());
        found.get(key)!.add(pkg);
      }
    }
  }
  return found;
}

// ---- deliberately untranslated --------------------------------------------------------------

/**
 * Strings that deliberately stay as they are; every other editor string needs a Chinese entry.
 * Only identifiers a developer types or looks up verbatim are kept: translating them would hide the
 * name the engine, the XML or the Camunda documentation uses. Descriptive labels around technical
 * terms are translated (e.g. 'Java class' -> 'Java 类', 'FEEL expression' -> 'FEEL 表达式').
 */
const ALLOW_LIST: Record<string, string> = {
  // tests/modeler.spec.ts: the label is only punctuation between two placeholders (an event and a
  // listener type that are filled in already translated), so the English template fits Chinese too
  '{eventType}: {type}': 'placeholders only',
  // standard / engine names shown as implementation and reference types
  BPMN: 'standard name (called element type)',
  CMMN: 'standard name (called element type)',
  DMN: 'standard name (implementation type)',
  // camunda:formField types of generated task forms: the select shows the type name that is written
  // to the XML and read by form code
  boolean: 'Camunda form field type',
  date: 'Camunda form field type',
  enum: 'Camunda form field type',
  long: 'Camunda form field type',
  string: 'Camunda form field type',
  // camunda:mapDecisionResult values with their Java result types (engine API names)
  'collectEntries (List<Object>)': 'Camunda decision result mapping',
  'resultList (List<Map<String, Object>>)': 'Camunda decision result mapping',
  'singleEntry (TypedValue)': 'Camunda decision result mapping',
  'singleResult (Map<String, Object>)': 'Camunda decision result mapping',
};

describe('the Chinese BPMN editor dictionary', () => {
  const strings = editorStrings();

  it('finds the editor strings in the installed packages', () => {
    expect(strings.size).toBeGreaterThan(400);
    for (const key of ['Create task', 'User Task', 'Execution listeners', 'Open {element}', 'Search in diagram']) {
      expect(strings.has(key), key).toBe(true);
    }
  });

  it('has a Chinese entry for every string the editor translates', () => {
    const missing = [...strings.keys()].filter((key) => !(key in ZH_CN_EDITOR) && !(key in ALLOW_LIST)).sort();
    expect(missing).toEqual([]);
  });

  it('keeps the placeholders of every key in its translation', () => {
    const placeholders = (text: string) => [...text.matchAll(/{[^}]+}/g)].map((m) => m[0]).sort();
    for (const [key, value] of Object.entries(ZH_CN_EDITOR)) {
      expect(placeholders(value), key).toEqual(placeholders(key));
    }
  });

  it('has no stale entries: every dictionary key and allow-listed string is still an editor string', () => {
    expect(Object.keys(ZH_CN_EDITOR).filter((key) => !strings.has(key))).toEqual([]);
    expect(Object.keys(ALLOW_LIST).filter((key) => !strings.has(key))).toEqual([]);
    expect(Object.keys(ALLOW_LIST).filter((key) => key in ZH_CN_EDITOR)).toEqual([]);
  });

  it('translates the editor while the UI is Chinese', async () => {
    const { translateEditor } = await import('@/modeler/translate');
    const { i18n } = await import('@/i18n');
    const previous = i18n.global.locale.value;
    i18n.global.locale.value = 'zh-CN';
    expect(translateEditor('Open {element}', { element: '审核' })).toBe('打开审核');
    expect(translateEditor('Timer Boundary Event (Non Interrupting)')).toBe('定时器边界事件（非中断）');
    expect(translateEditor('List contains {numOfItems} items', { numOfItems: 3 })).toBe('列表包含 3 项');
    expect(translateEditor('DMN')).toBe('DMN');
    i18n.global.locale.value = previous;
  });
});
