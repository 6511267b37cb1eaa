import { Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../database/request-context';
import { Keys } from '../keys/key-file';
import { CryptoError, CryptoErrorCode } from './crypto.errors';
import {
  activeDataKey,
  createFirstDataKey,
  dataKeyVersions,
  lockDataKeysShared,
  type DataKeyRow,
} from './data-keys.repository';
import {
  associationKey,
  bytesText,
  fieldVersion,
  openField,
  sealField,
  textBytes,
  toKeyObject,
  unwrapDataKey,
  type FieldPlace,
} from './field-envelope';
import { DecryptionError } from './secret-box';

/** One value to decrypt and the place it was read from. */
export interface EncryptedField {
  place: FieldPlace;
  ciphertext: Buffer;
}

interface UnwrappedKey {
  /** The `data_key` row: a key created again after a rolled-back first write has another id. */
  id: string;
  version: number;
  key: KeyObject;
}

const MAX_CACHED_KEYS = 10_000;

/**
 * Unwrapped data keys by (association, version). A rotation makes a new version, so nothing cached
 * outlives it; re-wrapping under a new key-encryption key leaves the data keys themselves unchanged.
 * Only keys read as committed rows are cached (never one created by the current transaction, which
 * may still roll back). It never prints.
 */
class DataKeyCache {
  private readonly entries = new Map<string, UnwrappedKey>();

  get(associationId: string, version: number): UnwrappedKey | undefined {
    return this.entries.get(`${associationId}:${version}`);
  }

  set(associationId: string, entry: UnwrappedKey): void {
    if (this.entries.size >= MAX_CACHED_KEYS) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(`${associationId}:${entry.version}`, entry);
  }

  clear(): void {
    this.entries.clear();
  }

  toJSON(): string {
    return '[data keys]';
  }

  [inspect.custom](): string {
    return '[data keys]';
  }
}

/** What one transaction already did, so that the next value it encrypts costs no query. */
interface TransactionState {
  /** Associations whose shared rotation lock this transaction holds. */
  locked: Set<string>;
  /** The active key per association, when it was committed before this transaction. */
  active: Map<string, UnwrappedKey>;
  /** Data keys this transaction created: not cached beyond it (it may still roll back). */
  created: Set<string>;
}

/**
 * Field encryption of identity data (DESIGN.md decision 3): AES-256-GCM per value with a random
 * 96-bit IV, under the association's data key, bound to its table, column, row and association.
 * The association is the request context's; the data key is created on the association's first
 * encryption, in the caller's transaction. Any failure to decrypt (altered byte, value moved to
 * another row, column or association, wrong key) throws `DecryptionError`, never a wrong plaintext.
 * One instance per process: it caches unwrapped keys. What it remembers per transaction is keyed
 * by the transaction's entity manager (`inTransaction` makes one per transaction): do not reuse a
 * query runner's manager for a second transaction.
 */
@Injectable()
export class FieldCipher {
  private readonly cache = new DataKeyCache();
  private readonly transactions = new WeakMap<EntityManager, TransactionState>();

  constructor(private readonly keys: Keys) {}

  /** Encrypts bytes, or a string as UTF-8 (refused with `CryptoError` MALFORMED_TEXT if ill-formed). */
  async encrypt(ctx: RequestContext, place: FieldPlace, plaintext: string | Buffer): Promise<Buffer> {
    const associationId = requireAssociation(ctx);
    const bytes = typeof plaintext === 'string' ? textBytes(plaintext) : plaintext;
    const key = await this.activeKey(ctx.manager, associationId);
    return sealField(key.key, key.version, associationId, place, bytes);
  }

  async encryptText(ctx: RequestContext, place: FieldPlace, text: string): Promise<Buffer> {
    return this.encrypt(ctx, place, textBytes(text));
  }

  async decrypt(ctx: RequestContext, place: FieldPlace, ciphertext: Buffer): Promise<Buffer> {
    const [plaintext] = await this.decryptMany(ctx, [{ place, ciphertext }]);
    return plaintext;
  }

  async decryptText(ctx: RequestContext, place: FieldPlace, ciphertext: Buffer): Promise<string> {
    return bytesText(await this.decrypt(ctx, place, ciphertext));
  }

  /** Decrypts a list with at most one key lookup; one failure fails the whole list. */
  async decryptMany(ctx: RequestContext, items: readonly EncryptedField[]): Promise<Buffer[]> {
    const associationId = requireAssociation(ctx);
    const keys = await this.keysFor(ctx.manager, associationId, items);
    return items.map(({ place, ciphertext }) => {
      const key = keys.get(fieldVersion(ciphertext) ?? 0);
      if (!key) throw new DecryptionError();
      return openField(key.key, associationId, place, ciphertext);
    });
  }

  async decryptManyText(ctx: RequestContext, items: readonly EncryptedField[]): Promise<string[]> {
    return (await this.decryptMany(ctx, items)).map(bytesText);
  }

  /** Forgets every unwrapped key (they are read again from the database when next needed). */
  clearCache(): void {
    this.cache.clear();
  }

  toJSON(): string {
    return '[FieldCipher]';
  }

  [inspect.custom](): string {
    return '[FieldCipher]';
  }

  private transaction(manager: EntityManager): TransactionState | null {
    if (manager.queryRunner?.isTransactionActive !== true) return null;
    let state = this.transactions.get(manager);
    if (!state) {
      state = { locked: new Set(), active: new Map(), created: new Set() };
      this.transactions.set(manager, state);
    }
    return state;
  }

  /**
   * The active key, read once per transaction: a rotation elsewhere switches versions between two
   * transactions, never inside one (this one holds the association's shared rotation lock).
   */
  private async activeKey(manager: EntityManager, associationId: string): Promise<UnwrappedKey> {
    const tx = this.transaction(manager);
    const known = tx?.active.get(associationId);
    if (known) return known;
    if (!tx?.locked.has(associationId)) {
      await lockDataKeysShared(manager, associationId);
      tx?.locked.add(associationId);
    }
    let row = await activeDataKey(manager, associationId);
    if (!row) {
      const created = await createFirstDataKey(manager, this.keys, associationId);
      if (created) tx?.created.add(created);
      row = await activeDataKey(manager, associationId);
    }
    if (!row) throw new CryptoError(CryptoErrorCode.NoActiveDataKey, 'The association has no active data key');
    const committed = !tx?.created.has(row.id);
    const key = this.unwrap(associationId, row, committed);
    if (committed) tx?.active.set(associationId, key);
    return key;
  }

  private async keysFor(
    manager: EntityManager,
    associationId: string,
    items: readonly EncryptedField[],
  ): Promise<Map<number, UnwrappedKey>> {
    const found = new Map<number, UnwrappedKey>();
    const missing = new Set<number>();
    for (const { ciphertext } of items) {
      const version = Buffer.isBuffer(ciphertext) ? fieldVersion(ciphertext) : null;
      if (version === null) throw new DecryptionError();
      if (found.has(version) || missing.has(version)) continue;
      const cached = this.cache.get(associationId, version);
      if (cached) found.set(version, cached);
      else missing.add(version);
    }
    if (missing.size > 0) {
      const tx = this.transaction(manager);
      for (const row of await dataKeyVersions(manager, associationId, [...missing])) {
        found.set(row.version, this.unwrap(associationId, row, !tx?.created.has(row.id)));
      }
    }
    return found;
  }

  private unwrap(associationId: string, row: DataKeyRow, cacheable: boolean): UnwrappedKey {
    const cached = this.cache.get(associationId, row.version);
    if (cached?.id === row.id) return cached;
    const raw = unwrapDataKey(this.keys, associationId, row.version, row.kekId, row.wrapped);
    const entry = { id: row.id, version: row.version, key: toKeyObject(raw) };
    if (cacheable) this.cache.set(associationId, entry);
    return entry;
  }
}

function requireAssociation(ctx: RequestContext): string {
  const associationId = ctx.associationId;
  if (!associationId)
    throw new CryptoError(CryptoErrorCode.NoAssociation, 'Field encryption needs the association of the request');
  return associationKey(associationId);
}
