import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';

/** Where encrypted document blobs live, outside the database. Keys are ids we made, never names. */
export interface DocumentStorage {
  write(key: string, data: Buffer): Promise<void>;
  read(key: string): Promise<Buffer>;
}

export const DOCUMENT_STORAGE = Symbol('DocumentStorage');

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A random storage key (a uuid): the only kind of name a stored file ever has. */
export function newStorageKey(): string {
  return randomUUID();
}

/**
 * Files in one folder, two levels of sub-folders by the key's first characters. A key that is not
 * a uuid is refused before any path is built, so no input can point outside the folder. Writes go
 * to a temporary file renamed into place: a reader never sees half a file.
 */
export class FolderStorage implements DocumentStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('Invalid storage key');
    return join(this.root, key.slice(0, 2), `${key}.bin`);
  }

  async write(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true, mode: 0o700 });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, data, { mode: 0o600, flag: 'wx' });
    await rename(temporary, target);
  }

  async read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }
}
