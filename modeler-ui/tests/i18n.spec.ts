import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import zhCN from '@/i18n/zh-CN';
import en from '@/i18n/en';
import {
  DEFAULT_LOCALE,
  LOCALE_STORAGE_KEY,
  i18n,
  readStoredLocale,
  setLocale,
  translate,
} from '@/i18n';

type Catalogue = { [key: string]: string | Catalogue };

/** All leaf keys of a nested catalogue as dotted paths, e.g. "login.rules.usernameRequired". */
function leafKeys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

function lookup(catalogue: Catalogue, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => {
    return node && typeof node === 'object' ? (node as Catalogue)[part] : undefined;
  }, catalogue);
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|vue)$/.test(name) ? [path] : [];
  });
}

const zhKeys = leafKeys(zhCN).sort();
const enKeys = leafKeys(en).sort();

describe('message catalogues', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(zhKeys.length).toBeGreaterThan(0);
    expect(enKeys).toEqual(zhKeys);
  });

  it('have no empty messages', () => {
    for (const key of zhKeys) {
      expect(String(lookup(zhCN, key)).trim(), `zh-CN ${key}`).not.toBe('');
      expect(String(lookup(en, key)).trim(), `en ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of zhKeys) {
      expect(placeholders(String(lookup(en, key))), key).toEqual(
        placeholders(String(lookup(zhCN, key))),
      );
    }
  });

  it('contain every key the source code translates', () => {
    const srcDir = fileURLToPath(new URL('../src', import.meta.url));
    const used = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b(?:t|translate)\(\s*'([\w.-]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    const known = new Set(zhKeys);
    const missing = [...used].filter((key) => !known.has(key));
    expect(missing).toEqual([]);
  });
});

describe('locale selection', () => {
  it('defaults to zh-CN and ignores unknown stored values', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN');
    expect(readStoredLocale(null)).toBe('zh-CN');
    expect(readStoredLocale({ getItem: () => 'fr' })).toBe('zh-CN');
    expect(readStoredLocale({ getItem: () => 'en' })).toBe('en');
  });

  it('switches messages and persists the choice', () => {
    const saved = new Map<string, string>();
    const storage = { setItem: (k: string, v: string) => void saved.set(k, v) };
    try {
      setLocale('en', storage);
      expect(translate('app.name')).toBe('Petition Workflow Platform');
      expect(translate('errors.server', { status: 500 })).toBe(
        'Server error (HTTP 500). Please try again later.',
      );
      expect(saved.get(LOCALE_STORAGE_KEY)).toBe('en');
      setLocale('zh-CN', storage);
      expect(translate('app.name')).toBe('信访工作流程平台');
      expect(saved.get(LOCALE_STORAGE_KEY)).toBe('zh-CN');
    } finally {
      i18n.global.locale.value = DEFAULT_LOCALE;
    }
  });
});
