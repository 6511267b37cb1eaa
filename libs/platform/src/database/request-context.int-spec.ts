import { createTestDatabase, type TestDatabase } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { inTransaction } from './request-context';

describe('request context transactions (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    // One connection, so the same pooled connection serves every call below.
    ds = await createDataSource({ url: db.appUrl, entities: [], poolSize: 1 }).initialize();
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const tenantNow = async (): Promise<string | null> =>
    (await ds.query<{ v: string | null }[]>(`SELECT nullif(current_setting('app.association_id', true), '') AS v`))[0]
      .v;

  it('sets the tenant for the transaction only', async () => {
    const association = randomUUID();
    const inside = await inTransaction(
      ds,
      { requestId: 'r1', now: new Date(), associationId: association },
      async (ctx) => {
        const rows = await ctx.manager.query<{ v: string }[]>(
          `SELECT current_setting('app.association_id', true) AS v`,
        );
        return rows[0].v;
      },
    );
    expect(inside).toBe(association);
    expect(await tenantNow()).toBeNull();
  });

  it('leaves no tenant on the connection after an error, and rolls back', async () => {
    await ds.query('CREATE TEMP TABLE IF NOT EXISTS probe (v text)').catch(() => undefined);
    await expect(
      inTransaction(ds, { requestId: 'r2', now: new Date(), associationId: randomUUID() }, async (ctx) => {
        await ctx.manager.query(`INSERT INTO probe VALUES ('written')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await tenantNow()).toBeNull();
    expect(await ds.query('SELECT count(*)::int AS n FROM probe')).toEqual([{ n: 0 }]);
  });

  it('reads the actor association when no explicit one is given', async () => {
    const association = randomUUID();
    const seen = await inTransaction(
      ds,
      { requestId: 'r3', now: new Date(), actor: { userId: randomUUID(), associationId: association, roles: [] } },
      (ctx) => Promise.resolve(ctx.associationId),
    );
    expect(seen).toBe(association);
  });
});
