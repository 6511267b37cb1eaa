import type { EntityManager } from 'typeorm';
import type { Keys } from '../keys/key-file';
import { DataKeyState } from './data-key.entity';
import { newDataKey, wrapDataKey } from './field-envelope';

/**
 * Queries on `data_key`, always on the caller's entity manager (its transaction and tenant), and
 * always filtered by association explicitly: the owner's maintenance policy lets it read every
 * association's keys, so the tenant setting alone would not narrow its reads.
 */
export interface DataKeyRow {
  id: string;
  version: number;
  wrapped: Buffer;
  kekId: string;
  state: DataKeyState;
}

const COLUMNS = `"id", "version", "wrapped", "kek_id" AS "kekId", "state"`;

/**
 * Rotation and encryption meet on one advisory lock per association: every transaction that
 * encrypts holds it shared until it ends; switching the active version takes it exclusively. So no
 * value is ever written under a version that a rotation has already started to retire.
 */
export async function lockDataKeysShared(manager: EntityManager, associationId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended('envol.data_key.' || $1, 0))`, [
    associationId,
  ]);
}

export async function lockDataKeysExclusive(manager: EntityManager, associationId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('envol.data_key.' || $1, 0))`, [associationId]);
}

export async function activeDataKey(manager: EntityManager, associationId: string): Promise<DataKeyRow | null> {
  const rows = await manager.query<DataKeyRow[]>(
    `SELECT ${COLUMNS} FROM "data_key" WHERE "association_id" = $1 AND "state" = $2`,
    [associationId, DataKeyState.Active],
  );
  return rows[0] ?? null;
}

/**
 * The association's first data key, created in the caller's transaction; its id when this call
 * inserted it. Two first writes at the same moment: the second waits for the first to commit and
 * inserts nothing.
 */
export async function createFirstDataKey(
  manager: EntityManager,
  keys: Keys,
  associationId: string,
): Promise<string | null> {
  const raw = newDataKey();
  const { wrapped, kekId } = wrapDataKey(keys, associationId, 1, raw);
  raw.fill(0);
  const rows = await manager.query<{ id: string }[]>(
    `INSERT INTO "data_key" ("association_id", "version", "wrapped", "kek_id", "state")
     VALUES ($1, 1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING "id"`,
    [associationId, wrapped, kekId, DataKeyState.Active],
  );
  return rows[0]?.id ?? null;
}

export async function dataKeyVersions(
  manager: EntityManager,
  associationId: string,
  versions: readonly number[],
): Promise<DataKeyRow[]> {
  return manager.query<DataKeyRow[]>(
    `SELECT ${COLUMNS} FROM "data_key" WHERE "association_id" = $1 AND "version" = ANY($2::int[])`,
    [associationId, versions],
  );
}

/** Every key of the association, oldest first, locked for the rest of the transaction. */
export async function lockAllDataKeys(manager: EntityManager, associationId: string): Promise<DataKeyRow[]> {
  return manager.query<DataKeyRow[]>(
    `SELECT ${COLUMNS} FROM "data_key" WHERE "association_id" = $1 ORDER BY "version" FOR UPDATE`,
    [associationId],
  );
}
