import { generateKeyFileJson, Keys } from '../keys/key-file';
import { DecryptionError, openWithKek, sealWithKek } from './secret-box';

describe('secret box', () => {
  const keys = Keys.fromJson(generateKeyFileJson('k1'));
  const secret = Buffer.from('JBSWY3DPEHPK3PXP');

  it('round-trips and never repeats an IV', () => {
    const a = sealWithKek(keys, 'totp', 'user_account.totp_secret.u1', secret);
    const b = sealWithKek(keys, 'totp', 'user_account.totp_secret.u1', secret);
    expect(a.equals(b)).toBe(false);
    expect(openWithKek(keys, 'totp', 'user_account.totp_secret.u1', a).equals(secret)).toBe(true);
  });

  it.each([
    ['another row', 'user_account.totp_secret.u2', 'totp'],
    ['another purpose', 'user_account.totp_secret.u1', 'other'],
  ])('refuses a value moved to %s', (_label, aad, purpose) => {
    const sealed = sealWithKek(keys, 'totp', 'user_account.totp_secret.u1', secret);
    expect(() => openWithKek(keys, purpose, aad, sealed)).toThrow(DecryptionError);
  });

  it('fails on every flipped byte, never yielding a wrong plaintext', () => {
    const sealed = sealWithKek(keys, 'totp', 'aad', secret);
    for (let i = 0; i < sealed.length; i++) {
      const copy = Buffer.from(sealed);
      copy[i] = copy[i] ^ 0x01;
      expect(() => openWithKek(keys, 'totp', 'aad', copy)).toThrow(DecryptionError);
    }
  });

  it('opens values sealed under an older key-encryption key still in the file', () => {
    const old = generateKeyFileJson('k1');
    const sealed = sealWithKek(Keys.fromJson(old), 'totp', 'aad', secret);
    const rotated = Keys.fromJson({
      ...old,
      currentKek: 'k2',
      keks: { ...old.keks, k2: generateKeyFileJson('k2').keks.k2 },
    });
    expect(openWithKek(rotated, 'totp', 'aad', sealed).equals(secret)).toBe(true);
  });
});
