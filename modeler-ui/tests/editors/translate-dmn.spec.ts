import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DmnPanelGroupLabelsModule, DmnTranslateModule, ZH_CN_DMN, translateDmn } from '@/modeler/translate-dmn';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import { LITERAL, translateKeys, unquote } from '../helpers/translate-keys';

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

describe('dmn-js labels', () => {
  it('are Chinese while the UI is Chinese, English otherwise, with placeholders filled in', () => {
    try {
      i18n.global.locale.value = 'zh-CN';
      expect(translateDmn('Add rule')).toBe('添加规则');
      expect(translateDmn('Unique')).toContain('唯一');
      expect(translateDmn('Expression language: {expressionLanguageLabel}', { expressionLanguageLabel: 'FEEL' })).toBe(
        '表达式语言：FEEL',
      );
      expect(translateDmn('Not in the dictionary {x}', { x: 1 })).toBe('Not in the dictionary 1');
      expect(translateDmn('Function kind: {kind}')).toBe('函数类型：{kind}');
      i18n.global.locale.value = 'en';
      expect(translateDmn('Add rule')).toBe('Add rule');
    } finally {
      i18n.global.locale.value = DEFAULT_LOCALE;
    }
  });

  it('cover every literal label dmn-js 17 translates', () => {
    const root = fileURLToPath(new URL('../../node_modules', import.meta.url));
    const packages = readdirSync(root).filter((name) => /^dmn-js(-.+)?$/.test(name));
    const used = new Set<string>();
    for (const pkg of packages) {
      const lib = join(root, pkg, 'lib');
      if (!statSync(lib, { throwIfNoEntry: false })?.isDirectory()) continue;
      for (const file of jsFiles(lib)) {
        for (const match of readFileSync(file, 'utf8').matchAll(/translate\(\s*'([^']+)'/g)) used.add(match[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    // sample strings in placeholders ("value", e.g. { example }) are shown as they are
    const missing = [...used].filter((s) => !(s in ZH_CN_DMN) && !/^(\\"|"|e\.g\.)/.test(s));
    expect(missing).toEqual([]);
  });

  it('cover every label the DRD properties panel translates', () => {
    const root = fileURLToPath(new URL('../../node_modules', import.meta.url));
    const panel = readFileSync(join(root, 'dmn-js-properties-panel/dist/index.esm.js'), 'utf8');
    const base = readFileSync(join(root, '@bpmn-io/properties-panel/dist/index.esm.js'), 'utf8');
    // the same extraction as the BPMN dictionary's test (template literals, ternaries, constants)
    const used = new Set([...translateKeys(panel), ...translateKeys(base)]);
    // group titles reach the panel untranslated; DmnPanelGroupLabelsModule translates them
    for (const m of panel.matchAll(new RegExp(String.raw`\blabel:\s*(${LITERAL})`, 'g'))) used.add(unquote(m[1]!));
    for (const key of ['Time to live', 'Name', 'ID', 'History cleanup', 'General', 'List contains {numOfItems} items']) {
      expect(used.has(key), key).toBe(true);
    }
    const missing = [...used].filter((s) => !(s in ZH_CN_DMN)).sort();
    expect(missing).toEqual([]);
  });

  it('translate the titles of the panel groups', () => {
    let provider: { getGroups(): (groups: Array<{ label?: string }>) => Array<{ label?: string }> } | null = null;
    const panel = { registerProvider: (_priority: number, p: typeof provider) => void (provider = p) };
    const [, Type] = DmnPanelGroupLabelsModule.dmnPanelGroupLabels as [string, new (...args: unknown[]) => unknown];
    new Type(panel, translateDmn);
    try {
      i18n.global.locale.value = 'zh-CN';
      const groups = provider!.getGroups()([{ label: 'History cleanup' }, { label: 'General' }, {}]);
      expect(groups.map((g) => g.label)).toEqual(['历史清理', '常规', undefined]);
    } finally {
      i18n.global.locale.value = DEFAULT_LOCALE;
    }
  });

  it('keep the placeholders of each English label', () => {
    for (const [english, chinese] of Object.entries(ZH_CN_DMN)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(chinese), english).toEqual(names(english));
    }
  });

  it('replace the translate service of a dmn-js view', () => {
    expect(DmnTranslateModule.translate).toEqual(['value', translateDmn]);
  });
});
