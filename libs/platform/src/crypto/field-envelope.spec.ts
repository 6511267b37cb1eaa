import { inspect } from 'node:util';
import { generateKeyFileJson, KeyFileError, Keys } from '../keys/key-file';
import { CryptoError } from './crypto.errors';
import {
  FIELD_OVERHEAD,
  fieldHeader,
  fieldVersion,
  newDataKey,
  openField,
  sealField,
  textBytes,
  toKeyObject,
  unwrapDataKey,
  wrapDataKey,
} from './field-envelope';
import { DecryptionError } from './secret-box';

const A = '6f1f7a52-1b7e-4a53-9d1b-0a6f1c2d3e4f';
const B = '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8';
const place = { table: 'person', column: 'identity', rowId: '1e0c8d6b-7a4f-4b1e-9c2d-3f4a5b6c7d8e' };

describe('field envelope', () => {
  const key = toKeyObject(newDataKey());
  const plaintext = Buffer.from('Éloïse Lefèvre', 'utf8');

  it('lays out format, version, iv, tag and ciphertext, and round-trips', () => {
    const sealed = sealField(key, 7, A, place, plaintext);
    expect(sealed).toHaveLength(FIELD_OVERHEAD + plaintext.length);
    expect(sealed.subarray(0, 5).equals(fieldHeader(7))).toBe(true);
    expect(fieldVersion(sealed)).toBe(7);
    expect(openField(key, A, place, sealed).equals(plaintext)).toBe(true);
  });

  it('fails on every flipped bit of every byte, never yielding a plaintext', () => {
    const sealed = sealField(key, 1, A, place, plaintext);
    for (let i = 0; i < sealed.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const copy = Buffer.from(sealed);
        copy[i] ^= bit;
        expect(() => openField(key, A, place, copy)).toThrow(DecryptionError);
      }
    }
  });

  it('fails when truncated or extended', () => {
    const sealed = sealField(key, 1, A, place, plaintext);
    for (const length of [0, 1, 5, FIELD_OVERHEAD - 1, FIELD_OVERHEAD, sealed.length - 1]) {
      expect(() => openField(key, A, place, sealed.subarray(0, length))).toThrow(DecryptionError);
    }
    expect(() => openField(key, A, place, Buffer.concat([sealed, Buffer.from([0])]))).toThrow(DecryptionError);
  });

  it.each([
    ['another row', A, { ...place, rowId: '2e0c8d6b-7a4f-4b1e-9c2d-3f4a5b6c7d8e' }],
    ['another column', A, { ...place, column: 'safe_contact' }],
    ['another table', A, { ...place, table: 'note' }],
    ['another association', B, place],
  ])('refuses a value moved to %s', (_label, association, elsewhere) => {
    const sealed = sealField(key, 1, A, place, plaintext);
    expect(() => openField(key, association, elsewhere, sealed)).toThrow(DecryptionError);
  });

  it('refuses a value relabelled with another version, or opened with another key', () => {
    const sealed = sealField(key, 1, A, place, plaintext);
    const relabelled = Buffer.concat([fieldHeader(2), sealed.subarray(5)]);
    expect(() => openField(key, A, place, relabelled)).toThrow(DecryptionError);
    expect(() => openField(toKeyObject(newDataKey()), A, place, sealed)).toThrow(DecryptionError);
  });

  it('refuses places that are not identifiers', () => {
    expect(() => sealField(key, 1, A, { ...place, table: 'person"; drop' }, plaintext)).toThrow(CryptoError);
    expect(() => sealField(key, 1, A, { ...place, rowId: '' }, plaintext)).toThrow(CryptoError);
  });

  it('never prints a data key', () => {
    const raw = newDataKey();
    const hex = raw.toString('hex');
    const object = toKeyObject(Buffer.from(raw));
    expect(inspect(object)).not.toContain(hex.slice(0, 8));
    expect(JSON.stringify({ object })).not.toContain(hex.slice(0, 8));
  });
});

describe('data key wrapping', () => {
  const json = generateKeyFileJson('k1');
  const keys = Keys.fromJson(json);

  it('wraps under the current key-encryption key and unwraps at the same place only', () => {
    const raw = newDataKey();
    const { wrapped, kekId } = wrapDataKey(keys, A, 1, raw);
    expect(kekId).toBe('k1');
    expect(wrapped).toHaveLength(60);
    expect(unwrapDataKey(keys, A, 1, kekId, wrapped).equals(raw)).toBe(true);
    expect(() => unwrapDataKey(keys, B, 1, kekId, wrapped)).toThrow(DecryptionError);
    expect(() => unwrapDataKey(keys, A, 2, kekId, wrapped)).toThrow(DecryptionError);
    for (let i = 0; i < wrapped.length; i++) {
      const copy = Buffer.from(wrapped);
      copy[i] ^= 0x01;
      expect(() => unwrapDataKey(keys, A, 1, kekId, copy)).toThrow(DecryptionError);
    }
  });

  it('says which key-encryption key is missing from the key file', () => {
    const { wrapped } = wrapDataKey(keys, A, 1, newDataKey());
    const other = Keys.fromJson(generateKeyFileJson('k2'));
    expect(() => unwrapDataKey(other, A, 1, 'k1', wrapped)).toThrow(KeyFileError);
  });
});

describe('text bytes', () => {
  it.each([['\ud800'], ['a\udc00b'], ['\ud83d'], ['x\ude00'], ['\udc00\ud800']])(
    'refuses lone surrogates (%j)',
    (s) => {
      expect(() => textBytes(s)).toThrow(CryptoError);
    },
  );

  it('accepts well-formed text, astral characters included', () => {
    expect(textBytes('😀 Ωmega ﷽ \u0000').toString('utf8')).toBe('😀 Ωmega ﷽ \u0000');
  });
});
