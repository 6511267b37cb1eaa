import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Keys } from '../keys/key-file';
import { CryptoError, CryptoErrorCode } from './crypto.errors';
import { DecryptionError } from './secret-box';

/**
 * The bytes of one encrypted field and of one wrapped data key (DESIGN.md decision 3). Pure
 * functions: no database, no cache. `FieldCipher` and the rotations are built on them.
 *
 * Field layout: format (1) | data-key version (4, big-endian) | iv (12) | tag (16) | ciphertext.
 * The associated data is the 5-byte header followed by the value's place (association, table,
 * column, row id), so a value copied to another row, column or association, or relabelled with
 * another version, fails authentication.
 */
export interface FieldPlace {
  table: string;
  column: string;
  /** The row's id as the database returns it as text (a uuid in lower case). */
  rowId: string;
}

export const FIELD_FORMAT = 1;
const HEADER_BYTES = 5;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const FIELD_OVERHEAD = HEADER_BYTES + IV_BYTES + TAG_BYTES;
export const DATA_KEY_BYTES = 32;
const MAX_VERSION = 0x7fffffff; // the `integer` column

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lower-cased association id, or a `CryptoError` when it is not a uuid. */
export function associationKey(associationId: string): string {
  const id = associationId.toLowerCase();
  if (!UUID.test(id)) throw new CryptoError(CryptoErrorCode.NoAssociation, 'The association id is not a uuid');
  return id;
}

export function assertIdentifier(name: string, what: string): void {
  if (!IDENTIFIER.test(name)) throw new CryptoError(CryptoErrorCode.InvalidPlace, `Invalid ${what} name`);
}

function assertPlace(place: FieldPlace): void {
  assertIdentifier(place.table, 'table');
  assertIdentifier(place.column, 'column');
  if (typeof place.rowId !== 'string' || place.rowId.length === 0 || place.rowId.length > 200)
    throw new CryptoError(CryptoErrorCode.InvalidPlace, 'Invalid row id');
}

/** The 5 bytes every value under `version` starts with (rotation selects the rows without them). */
export function fieldHeader(version: number): Buffer {
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION) throw new RangeError('Invalid key version');
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = FIELD_FORMAT;
  header.writeUInt32BE(version, 1);
  return header;
}

/** The data-key version a stored value names, or null when it is not a value of this format. */
export function fieldVersion(sealed: Buffer): number | null {
  if (sealed.length < FIELD_OVERHEAD || sealed[0] !== FIELD_FORMAT) return null;
  const version = sealed.readUInt32BE(1);
  return version >= 1 && version <= MAX_VERSION ? version : null;
}

function fieldAad(header: Buffer, associationId: string, place: FieldPlace): Buffer {
  // JSON keeps the parts unambiguous whatever a row id contains.
  const where = JSON.stringify(['envol.field', associationId, place.table, place.column, place.rowId]);
  return Buffer.concat([header, Buffer.from(where, 'utf8')]);
}

export function sealField(
  dataKey: KeyObject,
  version: number,
  associationId: string,
  place: FieldPlace,
  plaintext: Buffer,
): Buffer {
  assertPlace(place);
  const header = fieldHeader(version);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(fieldAad(header, associationId, place));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

/** Opens a value sealed under `dataKey` at `place`; any mismatch throws `DecryptionError`. */
export function openField(dataKey: KeyObject, associationId: string, place: FieldPlace, sealed: Buffer): Buffer {
  assertPlace(place);
  const version = fieldVersion(sealed);
  if (version === null) throw new DecryptionError();
  try {
    const iv = sealed.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
    const tag = sealed.subarray(HEADER_BYTES + IV_BYTES, FIELD_OVERHEAD);
    const decipher = createDecipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(fieldAad(sealed.subarray(0, HEADER_BYTES), associationId, place));
    decipher.setAuthTag(tag);
    // GCM releases nothing before final() has checked the tag: the whole value is buffered.
    return Buffer.concat([decipher.update(sealed.subarray(FIELD_OVERHEAD)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

// Wrapping uses a key derived from the key-encryption key, apart from secret-box's `envol:<purpose>`.
function wrappingKey(keys: Keys, kekId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', keys.kek(kekId), Buffer.alloc(0), 'envol/data-key-wrap/v1', 32));
}

const wrapAad = (associationId: string, version: number): Buffer =>
  Buffer.from(`data_key.${associationId}.${version}`, 'utf8');

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/** Wraps a data key under the current key-encryption key: iv (12) | tag (16) | wrapped key (32). */
export function wrapDataKey(
  keys: Keys,
  associationId: string,
  version: number,
  dataKey: Buffer,
): { wrapped: Buffer; kekId: string } {
  const kekId = keys.currentKekId;
  const iv = randomBytes(IV_BYTES);
  const kek = wrappingKey(keys, kekId);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  kek.fill(0);
  cipher.setAAD(wrapAad(associationId, version));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { wrapped: Buffer.concat([iv, cipher.getAuthTag(), wrapped]), kekId };
}

/**
 * The raw data key. Throws `KeyFileError` when the key file no longer holds `kekId` (an operator
 * removed it before re-wrapping), `DecryptionError` when the wrapped key was altered or moved.
 */
export function unwrapDataKey(
  keys: Keys,
  associationId: string,
  version: number,
  kekId: string,
  wrapped: Buffer,
): Buffer {
  const kek = wrappingKey(keys, kekId);
  try {
    if (wrapped.length !== IV_BYTES + TAG_BYTES + DATA_KEY_BYTES) throw new DecryptionError();
    const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(wrapAad(associationId, version));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  } finally {
    kek.fill(0);
  }
}

/** A key object prints as `SecretKeyObject { type: 'secret' }`, never its bytes; the buffer is wiped. */
export function toKeyObject(raw: Buffer): KeyObject {
  const key = createSecretKey(raw);
  raw.fill(0);
  return key;
}

// A lone surrogate matches \p{Cs} only when it is not half of a pair (the `u` flag reads pairs whole).
const LONE_SURROGATE = /\p{Cs}/u;

/** UTF-8 bytes of a well-formed string; a lone surrogate would not come back: refused. */
export function textBytes(text: string): Buffer {
  if (typeof text !== 'string') throw new CryptoError(CryptoErrorCode.MalformedText, 'Text expected');
  if (LONE_SURROGATE.test(text))
    throw new CryptoError(CryptoErrorCode.MalformedText, 'Text is not well-formed Unicode');
  return Buffer.from(text, 'utf8');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function bytesText(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new DecryptionError();
  }
}
