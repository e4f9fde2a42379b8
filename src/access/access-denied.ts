import { LocalizedHttpError } from '../common/errors';

/**
 * A record the caller may not see answers exactly like one that does not exist (404), so that
 * guessing ids reveals nothing; the audit trail still records it as a denied access.
 */
export class AccessDenied extends LocalizedHttpError {
  constructor(
    readonly resourceType: string,
    readonly resourceId: string,
    messages: { 'zh-CN': string; en: string },
  ) {
    super(404, messages);
  }
}

export function petitionNotFound(id: string): AccessDenied {
  return new AccessDenied('petition', id, {
    'zh-CN': '未找到该信访件，或您无权查看',
    en: 'No such petition, or you may not see it',
  });
}

export function taskNotFound(id: string): AccessDenied {
  return new AccessDenied('task', id, {
    'zh-CN': '未找到该任务，或它不属于您的单位',
    en: 'No such task, or it is not offered to your unit',
  });
}
