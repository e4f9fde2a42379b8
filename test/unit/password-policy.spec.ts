import { passwordProblems } from '../../src/auth/password-policy';

describe('the password policy', () => {
  it.each(['Demo@2026', 'Strong#2026x', 'abcDEF123', 'abc!@#123xyz', '长城Abc12345'])('accepts %s', (password) => {
    expect(passwordProblems(password, 'donghu.room1')).toBeNull();
  });

  it.each([
    ['Ab1!', '密码长度须为 8–128 位'],
    ['A'.repeat(60) + 'b1!'.repeat(30), '密码长度须为 8–128 位'],
    ['alllowercase', '密码须至少包含小写字母、大写字母、数字、符号中的三类'],
    ['lowercase123', '密码须至少包含小写字母、大写字母、数字、符号中的三类'],
    ['UPPER!!!!', '密码须至少包含小写字母、大写字母、数字、符号中的三类'],
  ])('refuses %s: %s', (password, message) => {
    expect(passwordProblems(password, 'someone')?.['zh-CN']).toBe(message);
  });

  it('refuses a password built on the user name, whatever its case', () => {
    expect(passwordProblems('Donghu.Room1#2026', 'donghu.room1')).toEqual({
      'zh-CN': '密码不能包含用户名',
      en: 'A password must not contain the user name',
    });
  });
});
