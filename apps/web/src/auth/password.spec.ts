import { checkNewPassword, passwordLength, PASSWORD_MIN_LENGTH } from './password';

describe('checkNewPassword', () => {
  it('asks for 12 characters and nothing else', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(checkNewPassword('aaaaaaaaaaaa', 'aaaaaaaaaaaa')).toEqual({});
    expect(checkNewPassword('a very long one', 'a very long one')).toEqual({});
  });

  it('refuses 11 characters', () => {
    expect(checkNewPassword('aaaaaaaaaaa', 'aaaaaaaaaaa')).toEqual({ newPassword: 'tooShort' });
  });

  it('counts an accent or an emoji once, like the server', () => {
    expect(passwordLength('été🙂')).toBe(4);
    expect(checkNewPassword('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂', '🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂')).toEqual({ newPassword: 'tooShort' });
  });

  it('asks for the same password twice', () => {
    expect(checkNewPassword('correct horse battery', 'correct horse batterie')).toEqual({ confirmation: 'mismatch' });
  });
});
