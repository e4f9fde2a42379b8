import { LocalizedHttpError } from '../common/errors';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const CLASSES: { test: RegExp; zh: string; en: string }[] = [
  { test: /[a-z]/, zh: '小写字母', en: 'lower-case letters' },
  { test: /[A-Z]/, zh: '大写字母', en: 'capital letters' },
  { test: /[0-9]/, zh: '数字', en: 'digits' },
  { test: /[^A-Za-z0-9]/, zh: '符号', en: 'symbols' },
];

/**
 * GB/T 22239 (MLPS) asks for complex passwords: at least 8 characters drawing on three of the four
 * character classes, and not derived from the account name. Returns what is wrong, in both languages.
 */
export function passwordProblems(password: string, username: string): { 'zh-CN': string; en: string } | null {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    return {
      'zh-CN': `密码长度须为 ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 位`,
      en: `A password must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
    };
  }
  const used = CLASSES.filter((c) => c.test.test(password)).length;
  if (used < 3) {
    return {
      'zh-CN': `密码须至少包含${CLASSES.map((c) => c.zh).join('、')}中的三类`,
      en: `A password must mix at least three of: ${CLASSES.map((c) => c.en).join(', ')}`,
    };
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    return { 'zh-CN': '密码不能包含用户名', en: 'A password must not contain the user name' };
  }
  return null;
}

export function assertPasswordAcceptable(password: string, username: string): void {
  const problem = passwordProblems(password, username);
  if (problem) throw new LocalizedHttpError(400, problem);
}
