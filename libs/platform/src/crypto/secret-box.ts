import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Keys } from '../keys/key-file';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor() {
    super('Decryption failed');
  }
}

function derive(kek: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), `envol:${purpose}`, 32));
}

/**
 * AES-256-GCM under a key derived from the current key-encryption key, for small instance-level
 * secrets (TOTP seeds). `aad` binds the value to its place (table, column, row): moved elsewhere, it
 * fails to open. Layout: format | kek-id length | kek id | iv | tag | ciphertext.
 */
export function sealWithKek(keys: Keys, purpose: string, aad: string, plaintext: Buffer): Buffer {
  const kekId = Buffer.from(keys.currentKekId, 'utf8');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', derive(keys.kek(keys.currentKekId), purpose), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT, kekId.length]), kekId, iv, cipher.getAuthTag(), ciphertext]);
}

export function openWithKek(keys: Keys, purpose: string, aad: string, sealed: Buffer): Buffer {
  try {
    if (sealed[0] !== FORMAT) throw new DecryptionError();
    const idLength = sealed[1];
    const kekId = sealed.subarray(2, 2 + idLength).toString('utf8');
    let offset = 2 + idLength;
    const iv = sealed.subarray(offset, (offset += IV_BYTES));
    const tag = sealed.subarray(offset, (offset += TAG_BYTES));
    const decipher = createDecipheriv('aes-256-gcm', derive(keys.kek(kekId), purpose), iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(offset)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

/** HMAC-SHA256 hex of a value under one of the key file's keys (client addresses, typed emails). */
export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
