// Keys the code builds at run time (`t(\`….${status}\`)`): the catalogue test in tests/i18n.spec.ts
// sees only literal keys, so each spec that builds keys checks them with this.
import { expect } from 'vitest';
import zhCN from '@/i18n/zh-CN';
import en from '@/i18n/en';

const lookup = (catalogue: unknown, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);

/** Every key is a message in both languages. */
export function expectInBothCatalogues(keys: readonly string[]): void {
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) {
    expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string');
    expect(typeof lookup(en, key), `en ${key}`).toBe('string');
  }
}
