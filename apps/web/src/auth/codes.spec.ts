import { groupSecret, normaliseRecoveryCode, normaliseTotpCode, recoveryCodesText } from './codes';

describe('normaliseTotpCode', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    [' 012345 ', '012345'],
  ])('accepts %j', (input, code) => {
    expect(normaliseTotpCode(input)).toBe(code);
  });

  it.each([[''], ['12345'], ['1234567'], ['12a456'], ['abcde-fghjk']])('refuses %j', (input) => {
    expect(normaliseTotpCode(input)).toBeNull();
  });
});

describe('normaliseRecoveryCode', () => {
  it('drops spaces and keeps letters as typed', () => {
    expect(normaliseRecoveryCode(' abcde-fghjk ')).toBe('abcde-fghjk');
    expect(normaliseRecoveryCode('ABCDE FGHJK')).toBe('ABCDEFGHJK');
  });

  it('has nothing to send for blank input', () => {
    expect(normaliseRecoveryCode('   ')).toBeNull();
  });
});

describe('groupSecret', () => {
  it('groups by 4 in upper case', () => {
    expect(groupSecret('jbswy3dpehpk3pxpjbswy3dpehpk3pxp')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(groupSecret('')).toBe('');
  });

  it('gives back the secret once spaces are removed', () => {
    const secret = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';
    expect(groupSecret(secret).replace(/ /g, '')).toBe(secret);
  });
});

describe('recoveryCodesText', () => {
  it('is a header, a blank line and one code a line', () => {
    expect(recoveryCodesText('Envol', ['aaaaa-bbbbb', 'ccccc-ddddd'])).toBe('Envol\n\naaaaa-bbbbb\nccccc-ddddd\n');
  });
});
