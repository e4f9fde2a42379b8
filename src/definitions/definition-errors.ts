import { LocalizedHttpError } from '../common/errors';

export type DefinitionKind = 'process' | 'decision' | 'form';

const NOUNS: Record<DefinitionKind, { 'zh-CN': string; en: string; En: string }> = {
  process: { 'zh-CN': '流程', en: 'process', En: 'Process' },
  decision: { 'zh-CN': '决策', en: 'decision', En: 'Decision' },
  form: { 'zh-CN': '表单', en: 'form', En: 'Form' },
};

/** 404 for a key that is not deployed, or for a version that the key does not have. */
export function definitionNotFound(kind: DefinitionKind, key: string, version?: number): LocalizedHttpError {
  const noun = NOUNS[kind];
  if (version === undefined) {
    return new LocalizedHttpError(404, {
      'zh-CN': `未找到${noun['zh-CN']}「${key}」，它可能尚未部署`,
      en: `No ${noun.en} "${key}" is deployed`,
    });
  }
  return new LocalizedHttpError(404, {
    'zh-CN': `${noun['zh-CN']}「${key}」没有第 ${version} 版`,
    en: `${noun.En} "${key}" has no version ${version}`,
  });
}
