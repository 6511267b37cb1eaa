import { AuthErrorCode } from './auth.errors';
import { checkPassword, commonPasswordCount } from './password.policy';

const rules = { passwordMinLength: 12, passwordMaxLength: 256 };

describe('password policy', () => {
  it('bundles a list of common passwords', () => {
    expect(commonPasswordCount()).toBeGreaterThan(10_000);
  });

  it.each([
    ['short', 'abc', AuthErrorCode.PasswordTooShort],
    ['11 characters', 'a'.repeat(11), AuthErrorCode.PasswordTooShort],
    ['common, 12 chars', 'password1234', AuthErrorCode.PasswordTooCommon],
    ['common with case', 'PASSWORD1234', AuthErrorCode.PasswordTooCommon],
    ['common word + digits', 'sunshine12345678', AuthErrorCode.PasswordTooCommon],
    ['too long', 'x'.repeat(257), AuthErrorCode.PasswordTooLong],
    ['12 lower-case letters, no composition needed', 'violet tramway', null],
    ['accents count once', 'éèàùçéèàùçéè', null],
    ['emoji count once (11 code points)', '🐢'.repeat(11), AuthErrorCode.PasswordTooShort],
    ['spaces allowed', 'un chat sur le toit', null],
  ])('%s', (_label, password, expected) => {
    expect(checkPassword(password, rules)).toBe(expected);
  });
});
