import { RLS_EXEMPT_TABLES } from '@app/access';
import { Client } from 'pg';
import { sql as query } from '../support/sql';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app';
import { seedWorld, type World } from '../support/world';

describe('tenant isolation (row-level security)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    // A pool of two connections for the stress test below.
    t = await createTestApp({ env: { DATABASE_POOL_SIZE: '2' } });
    w = await seedWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('enables and forces RLS on every table but the listed exemptions', async () => {
    const tables = await query<{ name: string; enabled: boolean; forced: boolean; policies: number }>(
      t.db.superuserUrl,
      `SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
    );
    const unprotected = tables.filter((r) => !r.enabled || !r.forced || r.policies !== 1).map((r) => r.name);
    expect(unprotected.sort()).toEqual(Object.keys(RLS_EXEMPT_TABLES).sort());
    expect(tables.length).toBeGreaterThan(unprotected.length);
  });

  it('returns 0 rows, without error, to queries made with no tenant setting', async () => {
    const tables = await query<{ name: string }>(
      t.db.superuserUrl,
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity`,
    );
    for (const { name } of tables) {
      const [owner] = await query<{ n: number }>(t.db.superuserUrl, `SELECT count(*)::int AS n FROM "${name}"`);
      const [app] = await query<{ n: number }>(t.db.appUrl, `SELECT count(*)::int AS n FROM "${name}"`);
      expect({ name, rows: app.n }).toEqual({ name, rows: 0 });
      if (['association', 'site', 'team', 'user_role'].includes(name)) expect(owner.n).toBeGreaterThan(0);
    }
  });

  it('refuses writes into another association even when the row names it', async () => {
    const client = new Client({ connectionString: t.db.appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.association_id', $1, true)`, [w.associationA]);
      await expect(
        client.query(
          `INSERT INTO site (association_id, name, code, departement, version) VALUES ($1, 'x', 'ZZZ', '75', 1)`,
          [w.associationB],
        ),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });

  it('refuses to start as a role that bypasses row-level security', async () => {
    await expect(createTestApp({ env: { DATABASE_URL: t.db.ownerUrl } })).rejects.toThrow(
      /DATABASE_URL must connect as envol_app; its role envol_owner owns tables/,
    );
  });

  it('pool of 2, 1,000 concurrent requests over two associations, an error every 10th: no row crosses, no setting stays', async () => {
    const codesOf = { A: ['AAA', 'AAB'], B: ['BBB'] };
    const failures: string[] = [];
    const requests = Array.from({ length: 1000 }, async (_, i) => {
      const side = i % 2 === 0 ? 'A' : 'B';
      const session = side === 'A' ? w.sessions.coordinatorA! : w.sessions.coordinatorB!;
      if (i % 10 === 9) {
        // Fails inside its transaction (stale version → 409), which is rolled back.
        const res = await t.app.inject({
          method: 'PATCH',
          url: '/api/settings',
          headers: { ...w.sessions.adminA!.headers, 'content-type': 'application/json' },
          payload: { noContactDays: 40, version: 99_999 },
        });
        if (res.statusCode !== 409) failures.push(`#${i}: ${res.statusCode}`);
        return;
      }
      const res = await t.app.inject({ method: 'GET', url: '/api/sites', headers: session.headers });
      const codes = res
        .json<{ code: string }[]>()
        .map((s) => s.code)
        .sort();
      if (res.statusCode !== 200 || JSON.stringify(codes) !== JSON.stringify(codesOf[side])) {
        failures.push(`#${i} ${side}: ${res.statusCode} ${JSON.stringify(codes)}`);
      }
    });
    await Promise.all(requests);
    expect(failures).toEqual([]);

    // Both pooled connections, held at once: neither carries a tenant.
    const ds = t.app.get(DataSource);
    const settings = await Promise.all(
      [0, 1].map(() =>
        ds.query<{ v: string | null; pid: number }[]>(
          `SELECT nullif(current_setting('app.association_id', true), '') AS v, pg_backend_pid() AS pid, pg_sleep(0.2)`,
        ),
      ),
    );
    expect(new Set(settings.map((r) => r[0].pid)).size).toBe(2);
    expect(settings.map((r) => r[0].v)).toEqual([null, null]);
  });

  it('pool of 2: refusals before the handler free the transaction the session guard began, and are audited', async () => {
    // A signed-in request's transaction begins in the session guard and is continued by the handler.
    // Refused before the handler (permission, CSRF, validation), nobody takes it: unless it is rolled
    // back at once, its connection stays out of the pool of two and the refusal's own audit entry
    // (a second connection) waits for ever.
    const [{ before }] = await query<{ before: number }>(
      t.db.superuserUrl,
      `SELECT count(*)::int AS before FROM audit_entry WHERE action LIKE 'refused.%' AND outcome = 'denied'`,
    );
    const kinds = ['permission', 'csrf', 'validation', 'read'] as const;
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const kind = kinds[i % kinds.length];
        const worker = w.sessions.workerA1!;
        if (kind === 'permission') {
          return {
            kind,
            status: (await t.app.inject({ method: 'GET', url: '/api/audit', headers: worker.headers })).statusCode,
          };
        }
        if (kind === 'csrf') {
          const cookieOnly = { cookie: worker.headers.cookie, 'content-type': 'application/json' };
          const res = await t.app.inject({ method: 'POST', url: '/api/persons', headers: cookieOnly, payload: {} });
          return { kind, status: res.statusCode };
        }
        if (kind === 'validation') {
          const res = await t.app.inject({
            method: 'PATCH',
            url: '/api/settings',
            headers: { ...w.sessions.adminA!.headers, 'content-type': 'application/json' },
            payload: { noContactDays: 'soon', version: 1 },
          });
          return { kind, status: res.statusCode };
        }
        return {
          kind,
          status: (await t.app.inject({ method: 'GET', url: '/api/me', headers: worker.headers })).statusCode,
        };
      }),
    );
    const expected = { permission: 403, csrf: 403, validation: 400, read: 200 };
    expect(answers.filter((a) => a.status !== expected[a.kind])).toEqual([]);

    const pool = (t.app.get(DataSource).driver as unknown as { master: { totalCount: number; idleCount: number } })
      .master;
    expect(pool.totalCount - pool.idleCount).toBe(0);
    const [{ after }] = await query<{ after: number }>(
      t.db.superuserUrl,
      `SELECT count(*)::int AS after FROM audit_entry WHERE action LIKE 'refused.%' AND outcome = 'denied'`,
    );
    // 50 permission refusals and 50 CSRF refusals, each audited once.
    expect(after - before).toBe(100);
  });
});
