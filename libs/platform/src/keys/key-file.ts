import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspect } from 'node:util';

/**
 * The key file (`ENVOL_KEYS_FILE`): versioned key-encryption keys that wrap each association's data
 * keys, and the HMAC keys of the audit seals, blind indexes and client-address hashes. It lives
 * outside the database so that a dump alone reveals nothing.
 */
export interface KeyFileJson {
  format: 1;
  currentKek: string;
  keks: Record<string, string>;
  auditHmacKey: string;
  blindIndexKey: string;
  clientHashKey: string;
}

export class KeyFileError extends Error {}

const KEY_BYTES = 32;

/** Key material in memory. It never prints: logging or serialising it shows `[keys]`. */
export class Keys {
  private constructor(
    readonly currentKekId: string,
    private readonly keks: ReadonlyMap<string, Buffer>,
    readonly auditHmacKey: Buffer,
    readonly blindIndexKey: Buffer,
    readonly clientHashKey: Buffer,
  ) {}

  static fromJson(json: unknown): Keys {
    if (typeof json !== 'object' || json === null) throw new KeyFileError('Key file: not a JSON object');
    const data = json as Partial<KeyFileJson>;
    if (data.format !== 1) throw new KeyFileError('Key file: unsupported format (expected 1)');
    const keks = new Map<string, Buffer>();
    for (const [id, value] of Object.entries(data.keks ?? {})) keks.set(id, decodeKey(`keks.${id}`, value));
    if (!data.currentKek || !keks.has(data.currentKek))
      throw new KeyFileError('Key file: currentKek names no key in keks');
    return new Keys(
      data.currentKek,
      keks,
      decodeKey('auditHmacKey', data.auditHmacKey),
      decodeKey('blindIndexKey', data.blindIndexKey),
      decodeKey('clientHashKey', data.clientHashKey),
    );
  }

  kek(id: string): Buffer {
    const key = this.keks.get(id);
    if (!key) throw new KeyFileError(`Key file: no key-encryption key "${id}"`);
    return key;
  }

  get kekIds(): string[] {
    return [...this.keks.keys()];
  }

  toJSON(): string {
    return '[keys]';
  }

  [inspect.custom](): string {
    return '[keys]';
  }

  toString(): string {
    return '[keys]';
  }
}

function decodeKey(name: string, value: unknown): Buffer {
  if (typeof value !== 'string') throw new KeyFileError(`Key file: ${name} missing`);
  const buffer = Buffer.from(value, 'base64');
  if (buffer.length !== KEY_BYTES) throw new KeyFileError(`Key file: ${name} must be ${KEY_BYTES} bytes in base64`);
  return buffer;
}

const newKey = (): string => randomBytes(KEY_BYTES).toString('base64');

export function generateKeyFileJson(kekId = `kek-${new Date().toISOString().slice(0, 10)}`): KeyFileJson {
  return {
    format: 1,
    currentKek: kekId,
    keks: { [kekId]: newKey() },
    auditHmacKey: newKey(),
    blindIndexKey: newKey(),
    clientHashKey: newKey(),
  };
}

export function loadKeyFile(path: string): Keys {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new KeyFileError(`Key file: cannot read ENVOL_KEYS_FILE (${path})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyFileError('Key file: not valid JSON');
  }
  return Keys.fromJson(json);
}

/** Creates the key file (mode 0600) when it does not exist yet; says whether it did. */
export function ensureKeyFile(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(generateKeyFileJson(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return true;
}
