import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, afterEach } from 'vitest';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import { translateEditor } from '@/modeler/translate';
import { translateLintMessage } from '@/modeler/translations/zh-CN-lint';

const require = createRequire(import.meta.url);
const LINT_SOURCE = readFileSync(new URL('../src/modeler/lint.ts', import.meta.url), 'utf8');

/** The rule modules lint.ts bundles, and the helper they build messages with. */
function ruleFiles(): string[] {
  const modules = [...LINT_SOURCE.matchAll(/from '((?:bpmnlint|bpmnlint-plugin-camunda-compat)\/rules\/[^']+)'/g)].map((m) => m[1]!);
  return [...modules.map((m) => require.resolve(m)), require.resolve('bpmnlint/rules/helper')];
}

/** Fixed report messages: reporter.report(id, '…') (concatenated ones are covered by the patterns). */
function fixedMessages(source: string): string[] {
  return [...source.matchAll(/report\(\s*[\w.]+\s*,\s*'([^']+)'\s*[,)]/g)].map((m) => m[1]!);
}

afterEach(() => {
  i18n.global.locale.value = DEFAULT_LOCALE;
});

describe('lint messages on the canvas', () => {
  it('has Chinese for every fixed message the bundled rules report', () => {
    const files = ruleFiles();
    expect(files.length).toBeGreaterThan(15);
    const missing = files.flatMap((file) => fixedMessages(readFileSync(file, 'utf8'))).filter((m) => translateLintMessage(m) === null);
    expect(missing).toEqual([]);
  });

  it('translates messages built from a scope, a type or a link name', () => {
    expect(translateLintMessage('Sub process is missing end event')).toBe('子流程缺少结束事件');
    expect(translateLintMessage('Process is missing start event')).toBe('流程缺少开始事件');
    expect(translateLintMessage('Element type <bpmn:ComplexGateway> is discouraged')).toBe('不建议使用元素类型 <bpmn:ComplexGateway>');
    expect(translateLintMessage('Link catch event with link name <a> missing in scope')).toContain('<a>');
    expect(translateLintMessage('Something else')).toBeNull();
  });

  it('goes through the editor translate service in Chinese only', () => {
    expect(translateEditor('Element is not connected')).toBe('元素未与流程连接');
    i18n.global.locale.value = 'en';
    expect(translateEditor('Element is not connected')).toBe('Element is not connected');
  });
});
