import { createTestDatabase, type TestDatabase } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../database/data-source';
import { inTransaction, type RequestContext } from '../database/request-context';
import { generateKeyFileJson, Keys } from '../keys/key-file';
import { CryptoError, CryptoErrorCode } from './crypto.errors';
import { FieldCipher } from './field-cipher';
import { fieldVersion, type FieldPlace } from './field-envelope';
import { rewrapDataKeys, rotateDataKey, type EncryptedColumn, type RotationProgress } from './key-rotation';

const TENANT = `nullif(current_setting('app.association_id', true), '')::uuid`;
const PROBE: EncryptedColumn = { table: 'rotation_probe', column: 'secret' };
const placeOf = (rowId: string): FieldPlace => ({ table: 'rotation_probe', column: 'secret', rowId });

describe('key rotation (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: DataSource;
  let owner: DataSource;
  let system: DataSource;
  let superuser: DataSource;
  const json = generateKeyFileJson('k1');
  const keys = Keys.fromJson(json);
  const cipher = new FieldCipher(keys);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createDataSource({ url: db.appUrl, entities: [], poolSize: 3 }).initialize();
    owner = await createDataSource({ url: db.ownerUrl, entities: [], poolSize: 2 }).initialize();
    system = await createDataSource({ url: db.systemUrl, entities: [], poolSize: 1 }).initialize();
    superuser = await createDataSource({ url: db.superuserUrl, entities: [], poolSize: 1 }).initialize();
    // Shaped like production's encrypted tables: created by the owner, RLS enabled and forced.
    await owner.query(`CREATE TABLE rotation_probe (id uuid PRIMARY KEY, association_id uuid NOT NULL, secret bytea)`);
    await owner.query('ALTER TABLE rotation_probe ENABLE ROW LEVEL SECURITY');
    await owner.query('ALTER TABLE rotation_probe FORCE ROW LEVEL SECURITY');
    await owner.query(
      `CREATE POLICY tenant_isolation ON rotation_probe USING (association_id = ${TENANT}) WITH CHECK (association_id = ${TENANT})`,
    );
  });

  afterAll(async () => {
    await Promise.all([app.destroy(), owner.destroy(), system.destroy(), superuser.destroy()]);
    await db.drop();
  });

  const as = <T>(associationId: string, work: (ctx: RequestContext) => Promise<T>): Promise<T> =>
    inTransaction(app, { requestId: randomUUID(), now: new Date(), associationId }, work);

  /** Stores `count` encrypted rows (and `nulls` rows without a value) in one transaction; returns id → text. */
  async function seed(association: string, count: number, by = cipher, nulls = 0): Promise<Map<string, string>> {
    const expected = new Map<string, string>();
    await as(association, async (ctx) => {
      const ids: string[] = [];
      const values: (Buffer | null)[] = [];
      for (let i = 0; i < count + nulls; i++) {
        const id = randomUUID();
        ids.push(id);
        if (i >= count) {
          values.push(null);
          continue;
        }
        const text = `Personne ${i} — ${id.slice(0, 8)} Œ`;
        expected.set(id, text);
        values.push(await by.encryptText(ctx, placeOf(id), text));
      }
      for (let from = 0; from < ids.length; from += 2_000) {
        await ctx.manager.query(
          `INSERT INTO rotation_probe (id, association_id, secret)
           SELECT id, $1, secret FROM unnest($2::uuid[], $3::bytea[]) AS v(id, secret)`,
          [association, ids.slice(from, from + 2_000), values.slice(from, from + 2_000)],
        );
      }
    });
    return expected;
  }

  /** Decrypts every row of the association in one transaction, as the runtime role. */
  async function readAll(association: string, by: FieldCipher): Promise<Map<string, string>> {
    return as(association, async (ctx) => {
      const rows = await ctx.manager.query<{ id: string; secret: Buffer }[]>(
        'SELECT id::text AS id, secret FROM rotation_probe WHERE secret IS NOT NULL ORDER BY id',
      );
      const texts = await by.decryptManyText(
        ctx,
        rows.map((row) => ({ place: placeOf(row.id), ciphertext: row.secret })),
      );
      return new Map(rows.map((row, i) => [row.id, texts[i]]));
    });
  }

  const versionsOf = async (association: string): Promise<Record<number, number>> => {
    const rows = await superuser.query<{ secret: Buffer }[]>(
      'SELECT secret FROM rotation_probe WHERE association_id = $1 AND secret IS NOT NULL',
      [association],
    );
    const counts: Record<number, number> = {};
    for (const { secret } of rows) {
      const version = fieldVersion(secret) ?? 0;
      counts[version] = (counts[version] ?? 0) + 1;
    }
    return counts;
  };

  const dataKeysOf = (association: string): Promise<{ version: number; state: string; kek: string }[]> =>
    superuser.query('SELECT version, state, kek_id AS kek FROM data_key WHERE association_id = $1 ORDER BY version', [
      association,
    ]);

  it('re-wraps every data key under a new key-encryption key; the old one can then leave the key file', async () => {
    const associations = [randomUUID(), randomUUID(), randomUUID()];
    const expected = new Map<string, Map<string, string>>();
    for (const association of associations) expected.set(association, await seed(association, 20));

    const withK2 = Keys.fromJson({
      ...json,
      currentKek: 'k2',
      keks: { ...json.keks, k2: generateKeyFileJson('k2').keks.k2 },
    });
    await expect(rewrapDataKeys(system, withK2)).rejects.toMatchObject({
      code: CryptoErrorCode.RotationNotPermitted,
    });
    await expect(rewrapDataKeys(app, withK2)).rejects.toThrow(CryptoError);

    const report = await rewrapDataKeys(owner, withK2);
    expect(report).toEqual({ rewrapped: 3, currentKekId: 'k2', kekIdsInUse: ['k2'], keysOnOtherKeks: 0 });
    expect(await superuser.query(`SELECT count(*)::int AS n FROM data_key WHERE kek_id = 'k1'`)).toEqual([{ n: 0 }]);
    expect(await rewrapDataKeys(owner, withK2)).toMatchObject({ rewrapped: 0, keysOnOtherKeks: 0 });

    // The old key-encryption key removed from the file: every value still decrypts.
    const onlyK2 = Keys.fromJson({ ...json, currentKek: 'k2', keks: { k2: withK2.kek('k2').toString('base64') } });
    expect(onlyK2.kekIds).toEqual(['k2']);
    const after = new FieldCipher(onlyK2);
    let decrypted = 0;
    for (const association of associations) {
      const texts = await readAll(association, after);
      expect(texts).toEqual(expected.get(association));
      decrypted += texts.size;
    }
    expect(decrypted).toBe(60);
    // A process still on the old file cannot open keys wrapped under k2: the file must be deployed first.
    await expect(readAll(associations[0], new FieldCipher(keys))).rejects.toThrow('no key-encryption key "k2"');
  });

  it('rotates a data key over 10,000 rows in batches of 500, resumes after a crash, and retires the old key', async () => {
    const R = randomUUID();
    const S = randomUUID(); // another association, which must not move
    const expected = await seed(R, 10_000, cipher, 5);
    const untouched = await seed(S, 50);
    expect(await versionsOf(R)).toEqual({ 1: 10_000 });

    const progress: RotationProgress[] = [];
    let crashed = false;
    const onProgress = (step: RotationProgress): void => {
      progress.push(step);
      if (!crashed && step.done >= 5_000) {
        crashed = true;
        throw new Error('simulated crash');
      }
    };
    await expect(rotateDataKey(owner, keys, R, [PROBE], { batchSize: 500, onProgress })).rejects.toThrow(
      'simulated crash',
    );
    expect(progress.map((step) => step.done)).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000]);
    expect(progress.every((step) => step.total === 10_000 && step.version === 2 && step.associationId === R)).toBe(
      true,
    );
    expect(await versionsOf(R)).toEqual({ 1: 5_000, 2: 5_000 });
    expect(await dataKeysOf(R)).toEqual([
      { version: 1, state: 'retiring', kek: 'k1' },
      { version: 2, state: 'active', kek: 'k1' },
    ]);

    // Half-way: everything still reads, and new values go to the new version even from a process
    // whose cache still holds version 1.
    expect(await readAll(R, cipher)).toEqual(expected);
    const written = await seed(R, 1, cipher);
    for (const [id, text] of written) expected.set(id, text);
    expect(await versionsOf(R)).toEqual({ 1: 5_000, 2: 5_001 });

    progress.length = 0;
    const started = Date.now();
    const result = await rotateDataKey(owner, keys, R, [PROBE], { batchSize: 500, onProgress });
    expect(result).toEqual({ associationId: R, version: 2, retiredVersions: [1], reencrypted: 5_000, resumed: true });
    expect(progress).toHaveLength(10);
    expect(progress[9]).toMatchObject({ done: 5_000, total: 5_000 });
    expect(Date.now() - started).toBeLessThan(30_000);

    expect(await versionsOf(R)).toEqual({ 2: 10_001 });
    expect(await dataKeysOf(R)).toEqual([
      { version: 1, state: 'retired', kek: 'k1' },
      { version: 2, state: 'active', kek: 'k1' },
    ]);
    const fresh = new FieldCipher(keys);
    const texts = await readAll(R, fresh);
    expect(texts.size).toBe(10_001);
    expect(texts).toEqual(expected);
    expect(await superuser.query('SELECT count(*)::int AS n FROM rotation_probe WHERE secret IS NULL')).toEqual([
      { n: 5 },
    ]);

    // The other association did not move.
    expect(await versionsOf(S)).toEqual({ 1: 50 });
    expect(await dataKeysOf(S)).toEqual([{ version: 1, state: 'active', kek: 'k1' }]);
    expect(await readAll(S, fresh)).toEqual(untouched);
  });

  it('waits for transactions still encrypting under the old version before switching', async () => {
    const W = randomUUID();
    await seed(W, 3);
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let encrypted = (): void => undefined;
    const encrypting = new Promise<void>((resolve) => (encrypted = resolve));
    const slowWrite = as(W, async (ctx) => {
      const id = randomUUID();
      const value = await cipher.encryptText(ctx, placeOf(id), 'written during the switch');
      encrypted();
      await gate;
      await ctx.manager.query('INSERT INTO rotation_probe (id, association_id, secret) VALUES ($1, $2, $3)', [
        id,
        W,
        value,
      ]);
    });
    await encrypting;
    let settled = false;
    const rotation = rotateDataKey(owner, keys, W, [PROBE]).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    release();
    await slowWrite;
    expect(await rotation).toMatchObject({ version: 2, retiredVersions: [1], reencrypted: 4 });
    expect(await versionsOf(W)).toEqual({ 2: 4 });
  });

  it('stops at a value that does not decrypt, keeps the old key usable, and finishes once it is dealt with', async () => {
    const T = randomUUID();
    const expected = await seed(T, 30);
    const [victim] = [...expected.keys()].sort();
    await superuser.query(
      `UPDATE rotation_probe SET secret = overlay(secret placing '\\x00'::bytea from 40 for 1) WHERE id = $1`,
      [victim],
    );
    await expect(rotateDataKey(owner, keys, T, [PROBE], { batchSize: 7 })).rejects.toMatchObject({
      code: CryptoErrorCode.UnreadableValue,
      message: expect.stringContaining(victim) as unknown,
    });
    expect((await dataKeysOf(T)).map((key) => key.state)).toEqual(['retiring', 'active']);
    await superuser.query('DELETE FROM rotation_probe WHERE id = $1', [victim]);
    expected.delete(victim);
    expect(await rotateDataKey(owner, keys, T, [PROBE], { batchSize: 7 })).toMatchObject({
      resumed: true,
      reencrypted: 29,
      retiredVersions: [1],
    });
    expect(await readAll(T, new FieldCipher(keys))).toEqual(expected);
  });

  it('refuses unknown columns and roles that may not write keys, and does nothing for an association without keys', async () => {
    const T = randomUUID();
    await seed(T, 1);
    await expect(rotateDataKey(owner, keys, T, [{ table: 'rotation_probe', column: 'nope' }])).rejects.toMatchObject({
      code: CryptoErrorCode.InvalidRotationTarget,
    });
    await expect(rotateDataKey(owner, keys, T, [{ table: 'missing_table', column: 'secret' }])).rejects.toMatchObject({
      code: CryptoErrorCode.InvalidRotationTarget,
    });
    await expect(rotateDataKey(owner, keys, T, [{ table: 'x"; drop', column: 'secret' }])).rejects.toMatchObject({
      code: CryptoErrorCode.InvalidRotationTarget,
    });
    await expect(rotateDataKey(system, keys, T, [PROBE])).rejects.toMatchObject({
      code: CryptoErrorCode.RotationNotPermitted,
    });
    await expect(rotateDataKey(owner, keys, T, [PROBE], { batchSize: 0 })).rejects.toThrow(RangeError);
    expect(await dataKeysOf(T)).toEqual([{ version: 1, state: 'active', kek: 'k1' }]);
    expect(await rotateDataKey(owner, keys, randomUUID(), [PROBE])).toMatchObject({ version: null, reencrypted: 0 });
  });
});
