import type { KeyObject } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { setTenant } from '../database/request-context';
import type { Keys } from '../keys/key-file';
import { CryptoError, CryptoErrorCode } from './crypto.errors';
import { DataKeyState } from './data-key.entity';
import { dataKeyVersions, lockAllDataKeys, lockDataKeysExclusive, type DataKeyRow } from './data-keys.repository';
import {
  associationKey,
  fieldHeader,
  fieldVersion,
  newDataKey,
  openField,
  sealField,
  toKeyObject,
  unwrapDataKey,
  wrapDataKey,
} from './field-envelope';
import { DecryptionError } from './secret-box';

/** A column of encrypted values that a data-key rotation re-encrypts (the people lib lists its own). */
export interface EncryptedColumn {
  table: string;
  column: string;
  /** The row id bound into each value's associated data; `id` by default. */
  idColumn?: string;
  /** `association_id` by default. Filtered on explicitly, on top of row-level security. */
  associationColumn?: string;
}

export interface RotationProgress {
  associationId: string;
  table: string;
  column: string;
  /** Rows of this column re-encrypted by this call so far (each batch committed). */
  done: number;
  /** Rows of this column that were not on the new version when this call reached the column. */
  total: number;
  version: number;
}

export interface RotateDataKeyOptions {
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Called after each committed batch; an error thrown here stops the rotation, which resumes when called again. */
  onProgress?: (progress: RotationProgress) => void | Promise<void>;
}

export interface DataKeyRotation {
  associationId: string;
  /** The active version now; null when the association had no data key (nothing encrypted yet). */
  version: number | null;
  /** Versions marked retired by this call. */
  retiredVersions: number[];
  /** Values re-encrypted by this call. */
  reencrypted: number;
  /** True when this call finished a rotation that an earlier call had started. */
  resumed: boolean;
}

export interface KekRewrap {
  /** Data keys re-wrapped by this call. */
  rewrapped: number;
  currentKekId: string;
  /** Every key-encryption key id that still wraps a data key (the current one only, once done). */
  kekIdsInUse: string[];
  /** Data keys wrapped by any other key than the current one: 0 once done. */
  keysOnOtherKeks: number;
}

const DEFAULT_BATCH_SIZE = 500;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Re-wraps every data key of every association under `keys.currentKekId`. For a key-encryption key
 * rotation: (1) add the new key to the key file and make it current, (2) deploy that file to every
 * api and worker process, (3) run this, (4) once it reports `keysOnOtherKeks: 0`, remove the old key
 * from the file. The data keys themselves do not change, so no stored value is touched. Run as the
 * owner (DATABASE_OWNER_URL): it reads every association's keys and writes them tenant by tenant.
 */
export async function rewrapDataKeys(dataSource: DataSource, keys: Keys): Promise<KekRewrap> {
  await assertPrivilege(dataSource, 'data_key', 'UPDATE', 'Re-wrapping data keys');
  const current = keys.currentKekId;
  const associations = await dataSource.query<{ associationId: string }[]>(
    `SELECT DISTINCT "association_id"::text AS "associationId" FROM "data_key" WHERE "kek_id" <> $1 ORDER BY 1`,
    [current],
  );
  let rewrapped = 0;
  for (const { associationId } of associations) {
    rewrapped += await dataSource.transaction(async (manager) => {
      await setTenant(manager, associationId);
      const rows = await manager.query<DataKeyRow[]>(
        `SELECT "id", "version", "wrapped", "kek_id" AS "kekId", "state" FROM "data_key"
         WHERE "association_id" = $1 AND "kek_id" <> $2 FOR UPDATE`,
        [associationId, current],
      );
      for (const row of rows) {
        const raw = unwrapDataKey(keys, associationId, row.version, row.kekId, row.wrapped);
        const { wrapped, kekId } = wrapDataKey(keys, associationId, row.version, raw);
        const check = unwrapDataKey(keys, associationId, row.version, kekId, wrapped);
        const same = check.equals(raw);
        raw.fill(0);
        check.fill(0);
        if (!same) throw new DecryptionError();
        await manager.query(
          `UPDATE "data_key" SET "wrapped" = $1, "kek_id" = $2 WHERE "id" = $3 AND "association_id" = $4`,
          [wrapped, kekId, row.id, associationId],
        );
      }
      return rows.length;
    });
  }
  const inUse = await dataSource.query<{ kekId: string; n: number }[]>(
    `SELECT "kek_id" AS "kekId", count(*)::int AS "n" FROM "data_key" GROUP BY "kek_id" ORDER BY "kek_id"`,
  );
  return {
    rewrapped,
    currentKekId: current,
    kekIdsInUse: inUse.map((row) => row.kekId),
    keysOnOtherKeks: inUse.filter((row) => row.kekId !== current).reduce((sum, row) => sum + row.n, 0),
  };
}

interface ResolvedColumn {
  table: string;
  column: string;
  idColumn: string;
  associationColumn: string;
  /** SQL type of the id column, for the batch update's array cast. */
  idType: string;
}

interface Batch {
  count: number;
  last: string | null;
}

interface Switched {
  target: DataKeyRow;
  resumed: boolean;
}

/**
 * Rotates one association's data key: creates version n+1 (active) and marks n retiring, in one
 * transaction that waits for every transaction still encrypting under n; then re-encrypts every
 * listed column's rows, `batchSize` rows per transaction, each row locked while it is rewritten;
 * then checks that no row is left on an older version and marks those retired. Resumable: a call
 * that finds a retiring version finishes that rotation (rows already on the new version are
 * skipped) instead of starting another. Run as the owner (DATABASE_OWNER_URL), which sets the
 * association for each transaction (row-level security is forced for the owner too).
 *
 * Retired keys are kept: they still decrypt, so a value in a column nobody listed stays readable.
 */
export async function rotateDataKey(
  dataSource: DataSource,
  keys: Keys,
  associationId: string,
  targets: readonly EncryptedColumn[],
  options: RotateDataKeyOptions = {},
): Promise<DataKeyRotation> {
  const association = associationKey(associationId);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000)
    throw new RangeError('batchSize must be an integer from 1 to 50000');
  await assertPrivilege(dataSource, 'data_key', 'INSERT', 'Rotating a data key');
  await assertPrivilege(dataSource, 'data_key', 'UPDATE', 'Rotating a data key');
  const columns: ResolvedColumn[] = [];
  for (const target of targets) columns.push(await resolveColumn(dataSource, target));

  const switched = await dataSource.transaction((manager) => switchVersion(manager, keys, association));
  if (!switched)
    return { associationId: association, version: null, retiredVersions: [], reencrypted: 0, resumed: false };
  const { target } = switched;

  const rotation = new Reencryption(
    dataSource,
    keys,
    association,
    target.version,
    toKeyObject(unwrapDataKey(keys, association, target.version, target.kekId, target.wrapped)),
    batchSize,
    options.onProgress,
  );
  let reencrypted = 0;
  for (const column of columns) reencrypted += await rotation.column(column);

  const retiredVersions = await dataSource.transaction(async (manager) => {
    await setTenant(manager, association);
    for (const column of columns) {
      const left = await rotation.remaining(manager, column);
      if (left > 0)
        throw new CryptoError(
          CryptoErrorCode.RotationIncomplete,
          `${column.table}.${column.column}: ${left} rows still on an older data key; older keys not retired`,
        );
    }
    const retiring = await manager.query<{ version: number }[]>(
      `SELECT "version" FROM "data_key" WHERE "association_id" = $1 AND "state" = $2 ORDER BY "version" FOR UPDATE`,
      [association, DataKeyState.Retiring],
    );
    await manager.query(`UPDATE "data_key" SET "state" = $1 WHERE "association_id" = $2 AND "state" = $3`, [
      DataKeyState.Retired,
      association,
      DataKeyState.Retiring,
    ]);
    return retiring.map((row) => row.version);
  });
  return {
    associationId: association,
    version: target.version,
    retiredVersions,
    reencrypted,
    resumed: switched.resumed,
  };
}

async function switchVersion(manager: EntityManager, keys: Keys, association: string): Promise<Switched | null> {
  await setTenant(manager, association);
  // Waits for the transactions that are encrypting under the current version to end.
  await lockDataKeysExclusive(manager, association);
  const rows = await lockAllDataKeys(manager, association);
  if (rows.length === 0) return null;
  const active = rows.find((row) => row.state === DataKeyState.Active);
  if (!active) throw new CryptoError(CryptoErrorCode.NoActiveDataKey, 'The association has no active data key');
  if (rows.some((row) => row.state === DataKeyState.Retiring)) return { target: active, resumed: true };
  const version = Math.max(...rows.map((row) => row.version)) + 1;
  await manager.query(`UPDATE "data_key" SET "state" = $1 WHERE "id" = $2 AND "association_id" = $3`, [
    DataKeyState.Retiring,
    active.id,
    association,
  ]);
  const raw = newDataKey();
  const { wrapped, kekId } = wrapDataKey(keys, association, version, raw);
  raw.fill(0);
  const [created] = await manager.query<DataKeyRow[]>(
    `INSERT INTO "data_key" ("association_id", "version", "wrapped", "kek_id", "state") VALUES ($1, $2, $3, $4, $5)
     RETURNING "id", "version", "wrapped", "kek_id" AS "kekId", "state"`,
    [association, version, wrapped, kekId, DataKeyState.Active],
  );
  return { target: created, resumed: false };
}

class Reencryption {
  private readonly header: Buffer;
  private readonly oldKeys = new Map<number, KeyObject>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: Keys,
    private readonly association: string,
    private readonly version: number,
    private readonly key: KeyObject,
    private readonly batchSize: number,
    private readonly onProgress: RotateDataKeyOptions['onProgress'],
  ) {
    this.header = fieldHeader(version);
  }

  private notOnTarget(column: ResolvedColumn): string {
    const value = `"${column.column}"`;
    return `"${column.associationColumn}" = $1 AND ${value} IS NOT NULL AND substring(${value} from 1 for 5) <> $2`;
  }

  async remaining(manager: EntityManager, column: ResolvedColumn): Promise<number> {
    const rows = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS "n" FROM "${column.table}" WHERE ${this.notOnTarget(column)}`,
      [this.association, this.header],
    );
    return rows[0].n;
  }

  async column(column: ResolvedColumn): Promise<number> {
    const total = await this.dataSource.transaction(async (manager) => {
      await setTenant(manager, this.association);
      return this.remaining(manager, column);
    });
    let done = 0;
    let after: string | null = null;
    for (;;) {
      const from: string | null = after;
      const batch: Batch = await this.dataSource.transaction((manager) => this.batch(manager, column, from));
      if (batch.count === 0) break;
      done += batch.count;
      after = batch.last;
      await this.onProgress?.({
        associationId: this.association,
        table: column.table,
        column: column.column,
        done,
        total,
        version: this.version,
      });
      if (batch.count < this.batchSize) break;
    }
    return done;
  }

  // Keyset pagination on the id: a row that cannot be re-encrypted stops the rotation rather than
  // being selected again and again.
  private async batch(manager: EntityManager, column: ResolvedColumn, after: string | null): Promise<Batch> {
    await setTenant(manager, this.association);
    const id = `"${column.idColumn}"`;
    const params: unknown[] = [this.association, this.header, this.batchSize];
    if (after !== null) params.push(after);
    const rows = await manager.query<{ id: string; value: Buffer }[]>(
      `SELECT ${id}::text AS "id", "${column.column}" AS "value" FROM "${column.table}"
       WHERE ${this.notOnTarget(column)}${after === null ? '' : ` AND ${id} > $4`}
       ORDER BY ${id} LIMIT $3 FOR UPDATE`,
      params,
    );
    if (rows.length === 0) return { count: 0, last: null };
    const values: Buffer[] = [];
    for (const row of rows) {
      const place = { table: column.table, column: column.column, rowId: row.id };
      const plaintext = await this.open(manager, place, row.value);
      values.push(sealField(this.key, this.version, this.association, place, plaintext));
      plaintext.fill(0);
    }
    await manager.query(
      `UPDATE "${column.table}" AS t SET "${column.column}" = v.value
       FROM unnest($1::${column.idType}[], $2::bytea[]) AS v(id, value)
       WHERE t.${id} = v.id AND t."${column.associationColumn}" = $3`,
      [rows.map((row) => row.id), values, this.association],
    );
    return { count: rows.length, last: rows[rows.length - 1].id };
  }

  private async open(
    manager: EntityManager,
    place: { table: string; column: string; rowId: string },
    value: Buffer,
  ): Promise<Buffer> {
    try {
      const version = fieldVersion(value);
      if (version === null) throw new DecryptionError();
      let key = this.oldKeys.get(version);
      if (!key) {
        const [row] = await dataKeyVersions(manager, this.association, [version]);
        if (!row) throw new DecryptionError();
        key = toKeyObject(unwrapDataKey(this.keys, this.association, row.version, row.kekId, row.wrapped));
        this.oldKeys.set(version, key);
      }
      return openField(key, this.association, place, value);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      throw new CryptoError(
        CryptoErrorCode.UnreadableValue,
        `${place.table}.${place.column} row ${place.rowId} does not decrypt: rotation stopped before this batch`,
      );
    }
  }
}

async function resolveColumn(dataSource: DataSource, target: EncryptedColumn): Promise<ResolvedColumn> {
  const idColumn = target.idColumn ?? 'id';
  const associationColumn = target.associationColumn ?? 'association_id';
  const names = [target.table, target.column, idColumn, associationColumn];
  if (!names.every((name) => IDENTIFIER.test(name)))
    throw new CryptoError(CryptoErrorCode.InvalidRotationTarget, 'Invalid table or column name');
  const rows = await dataSource.query<{ name: string; type: string }[]>(
    `SELECT a.attname AS "name", format_type(a.atttypid, a.atttypmod) AS "type"
     FROM pg_attribute a
     WHERE a.attrelid = to_regclass(quote_ident($1)) AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = ANY($2)`,
    [target.table, [target.column, idColumn, associationColumn]],
  );
  const types = new Map(rows.map((row) => [row.name, row.type]));
  const where = `${target.table}.${target.column}`;
  if (types.get(target.column) !== 'bytea')
    throw new CryptoError(CryptoErrorCode.InvalidRotationTarget, `${where}: no such bytea column`);
  if (types.get(associationColumn) !== 'uuid')
    throw new CryptoError(CryptoErrorCode.InvalidRotationTarget, `${where}: no uuid column ${associationColumn}`);
  const idType = types.get(idColumn);
  if (!idType) throw new CryptoError(CryptoErrorCode.InvalidRotationTarget, `${where}: no id column ${idColumn}`);
  await assertPrivilege(dataSource, target.table, 'UPDATE', 'Rotating a data key');
  return { table: target.table, column: target.column, idColumn, associationColumn, idType };
}

async function assertPrivilege(dataSource: DataSource, table: string, privilege: string, what: string): Promise<void> {
  const [row] = await dataSource.query<{ ok: boolean }[]>(
    `SELECT has_table_privilege(to_regclass(quote_ident($1)), $2) AS "ok"`,
    [table, privilege],
  );
  if (!row?.ok)
    throw new CryptoError(
      CryptoErrorCode.RotationNotPermitted,
      `${what} needs ${privilege} on ${table}: run it as the owner (DATABASE_OWNER_URL)`,
    );
}
