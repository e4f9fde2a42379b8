// Chinese labels for the bpmn-js editor (palette, context pad, popup menu, search, properties panel,
// lint overlay). bpmn-js asks its `translate` service for every English label; strings without an
// entry stay English. tests/modeler-translate.spec.ts checks that every label the installed editor
// packages translate has an entry.
import { i18n } from '@/i18n';
import { ZH_CN_BPMN } from './translations/zh-CN-bpmn';
import { translateLintMessage } from './translations/zh-CN-lint';

/** English editor label -> Simplified Chinese; the dictionary lives in translations/zh-CN-bpmn.ts. */
export const ZH_CN_EDITOR: Record<string, string> = ZH_CN_BPMN;

/** bpmn-js translate: {placeholders} filled in, Chinese while the UI language is zh-CN. */
export function translateEditor(template: string, replacements: Record<string, unknown> = {}): string {
  const text =
    i18n.global.locale.value === 'zh-CN' ? (ZH_CN_EDITOR[template] ?? translateLintMessage(template) ?? template) : template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => {
    const value = replacements[key];
    return value === undefined || value === null ? `{${key}}` : String(value);
  });
}

/** A diagram-js module replacing the `translate` service. */
export const TranslateModule = { translate: ['value', translateEditor] };
