import { AuditSealer, AuditService, AuditVerifier } from '@app/audit';
import { createDataSource, inTransaction } from '@app/platform';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { sql } from '../support/sql';
import { DataSource } from 'typeorm';
import { send } from '../support/requests';
import { ROUTES } from '../support/route-table';
import { createTestApp, type TestApp } from '../support/test-app';
import { PRINCIPALS, seedWorld, type World } from '../support/world';

/** The compiled operator CLI against the test app's database and keys (`npm test` builds first). */
async function runCli(t: TestApp, args: string[]): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'envol-audit-'));
  const keysFile = join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify(t.keysJson), { mode: 0o600 });
  const child = spawn(process.execPath, [resolve(__dirname, '../../dist/apps/api/src/cli.js'), ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: t.db.appUrl,
      DATABASE_OWNER_URL: t.db.ownerUrl,
      DATABASE_SYSTEM_URL: t.db.systemUrl,
      ENVOL_KEYS_FILE: keysFile,
      ENVOL_HOME: dir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  return { code, output: output.trim() };
}

describe('audit trail', () => {
  let t: TestApp;
  let w: World;
  let system: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUDIT_SEAL_INTERVAL_MS: '0' } });
    w = await seedWorld(t);
    system = await createDataSource({ url: t.db.systemUrl, entities: [], poolSize: 3 }).initialize();
  });

  afterAll(async () => {
    await system.destroy();
    await t.close();
  });

  const sealer = () => new AuditSealer(system, t.keys.auditHmacKey);
  const verifier = () => new AuditVerifier(system, t.keys.auditHmacKey);

  it('refuses UPDATE, DELETE and TRUNCATE to the runtime role: 3/3', async () => {
    await t.app.inject({ method: 'GET', url: '/api/settings', headers: w.sessions.workerA1!.headers });
    const client = new Client({ connectionString: t.db.appUrl });
    await client.connect();
    const refused: string[] = [];
    try {
      for (const statement of [
        'UPDATE audit_entry SET action = $1',
        'DELETE FROM audit_entry WHERE action <> $1',
        'TRUNCATE audit_entry',
      ]) {
        try {
          await client.query(statement, statement.includes('$1') ? ['x'] : []);
        } catch (error) {
          refused.push((error as { code: string }).code);
        }
      }
    } finally {
      await client.end();
    }
    expect(refused).toEqual(['42501', '42501', '42501']);
    // The owner (who could grant itself rights) is stopped by the triggers.
    await expect(sql(t.db.ownerUrl, 'TRUNCATE audit_entry')).rejects.toThrow(/append-only/);
    const owner = new Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
    try {
      // Even with row-level security lifted (which the owner may do), the trigger refuses.
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE audit_entry NO FORCE ROW LEVEL SECURITY');
      await expect(owner.query('DELETE FROM audit_entry')).rejects.toThrow(/append-only/);
      await owner.query('ROLLBACK');
    } finally {
      await owner.end();
    }
  });

  it('leaves one entry per refused request and per account or settings change, and no name', async () => {
    const problems: string[] = [];
    for (const route of ROUTES) {
      for (const principal of PRINCIPALS) {
        const { response, url } = await send(t, w, route, principal);
        const requestId = String(response.headers['x-request-id']);
        const entries = await sql<{ action: string; outcome: string }>(
          t.db.superuserUrl,
          'SELECT action, outcome FROM audit_entry WHERE request_id = $1',
          [requestId],
        );
        const status = response.statusCode;
        const refused = status === 401 || status === 403 || (status === 404 && principal !== 'anonymous');
        const write =
          route.method !== 'GET' && status < 300 && /^\/api\/(users|sites|teams|settings|break-glass)/.test(route.path);
        // A refusal is one entry; a write is at least its own (inviting also records the account
        // created and the reset link issued, as authentication events).
        if (refused && entries.length !== 1)
          problems.push(`${route.method} ${url} as ${principal} (${status}): ${entries.length} entries`);
        if (write && !entries.some((e) => e.outcome === 'success' && !e.action.startsWith('auth.'))) {
          problems.push(`${route.method} ${url} as ${principal} (${status}): no entry of its own`);
        }
        if (refused && entries[0] && entries[0].outcome === 'success')
          problems.push(`${route.method} ${url} as ${principal}: refusal recorded as success`);
      }
    }
    expect(problems).toEqual([]);
    const names = ['world.test', 'Renamed', 'Invitée', 'Target', 'Site A2', 'Team A2'];
    const rows = await sql<{ row: string }>(t.db.superuserUrl, 'SELECT row_to_json(e)::text AS row FROM audit_entry e');
    expect(rows.filter((r) => names.some((n) => r.row.includes(n)))).toEqual([]);
  });

  it('keeps no entry for a write that fails validation or rolls back; a refusal survives', async () => {
    const admin = { ...w.sessions.adminA!.headers, 'content-type': 'application/json' };
    const stale = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin,
      payload: { noContactDays: 45, version: 999 },
    });
    expect(stale.statusCode).toBe(409);
    const invalid = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin,
      payload: { noContactDays: 'many', version: 1 },
    });
    expect(invalid.statusCode).toBe(400);
    const refused = await t.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { ...w.sessions.workerA1!.headers, 'content-type': 'application/json' },
      payload: { noContactDays: 45, version: 1 },
    });
    expect(refused.statusCode).toBe(403);
    const count = async (id: unknown) =>
      (await sql(t.db.superuserUrl, 'SELECT 1 FROM audit_entry WHERE request_id = $1', [String(id)])).length;
    expect(await count(stale.headers['x-request-id'])).toBe(0);
    expect(await count(invalid.headers['x-request-id'])).toBe(0);
    expect(await count(refused.headers['x-request-id'])).toBe(1);
  });

  it('verifies the sealed chain, then reports an altered, a deleted and two swapped entries at their positions', async () => {
    await sealer().sealAll(t.clock.now());
    const clean = await verifier().verify();
    expect(clean).toMatchObject({ ok: true, problems: [] });
    const cliClean = await runCli(t, ['audit:verify']);
    expect(cliClean).toEqual({ code: 0, output: expect.stringMatching(/Verified: no alteration/) });
    expect(clean.sealedEntries).toBeGreaterThan(100);

    const [seal] = await sql<{ ids: string[] }>(
      t.db.superuserUrl,
      'SELECT entry_ids::text[] AS ids FROM audit_seal ORDER BY id LIMIT 1',
    );
    const ids = seal.ids;
    const [altered, deleted, swapA, swapB] = [ids[3], ids[7], ids[10], ids[12]];
    await sql(t.db.superuserUrl, 'ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_delete');
    try {
      await sql(t.db.superuserUrl, `UPDATE audit_entry SET action = 'nothing.happened' WHERE id = $1`, [altered]);
      await sql(t.db.superuserUrl, 'DELETE FROM audit_entry WHERE id = $1', [deleted]);
      await sql(
        t.db.superuserUrl,
        `UPDATE audit_entry e SET occurred_at = o.occurred_at, action = o.action, actor_id = o.actor_id, actor_roles = o.actor_roles,
                object_type = o.object_type, object_id = o.object_id, outcome = o.outcome, detail = o.detail,
                request_id = o.request_id, association_id = o.association_id, client_hash = o.client_hash, tx_id = o.tx_id,
                site_id = o.site_id, object_ids = o.object_ids, reason = o.reason
           FROM (SELECT * FROM audit_entry WHERE id IN ($1, $2)) o WHERE e.id IN ($1, $2) AND o.id <> e.id`,
        [swapA, swapB],
      );
    } finally {
      await sql(t.db.superuserUrl, 'ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_delete');
    }
    const report = await verifier().verify();
    expect(report.ok).toBe(false);
    // The operator's command says the same and fails.
    const cli = await runCli(t, ['audit:verify']);
    expect(cli.code).toBe(1);
    expect(cli.output).toMatch(/VERIFICATION FAILED/);
    expect(cli.output).toContain(`missing — seal 1, position 8, entry ${deleted}`);
    expect(report.problems).toEqual([
      { kind: 'altered', seal: 1, position: 4, entryId: altered },
      { kind: 'missing', seal: 1, position: 8, entryId: deleted },
      { kind: 'swapped', seal: 1, position: 11, entryId: swapA },
      { kind: 'swapped', seal: 1, position: 13, entryId: swapB },
    ]);
  });
});

describe('audit sealing under concurrency', () => {
  let t: TestApp;
  let system: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ env: { AUDIT_SEAL_INTERVAL_MS: '0', DATABASE_POOL_SIZE: '20' } });
    system = await createDataSource({ url: t.db.systemUrl, entities: [], poolSize: 4 }).initialize();
  });

  afterAll(async () => {
    await system.destroy();
    await t.close();
  });

  it('20 writers × 500 entries with two sealers running: the chain verifies, 0 forks, 0 false deletions', async () => {
    const audit = t.app.get(AuditService);
    const ds = t.app.get(DataSource);
    let stop = false;
    const sealers = [0, 1].map(async () => {
      const sealer = new AuditSealer(system, t.keys.auditHmacKey);
      while (!stop) {
        await sealer.sealOnce(new Date());
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    let committed = 0;
    const writers = Array.from({ length: 20 }, async (_, writer) => {
      for (let batch = 0; batch < 50; batch++) {
        // Every 7th transaction rolls back: its ids become gaps, which are not deletions.
        const rollback = batch % 7 === 6;
        await inTransaction(ds, { requestId: `w${writer}-${batch}`, now: new Date() }, async (ctx) => {
          for (let i = 0; i < 10; i++)
            await audit.record(ctx, { action: 'test.write', objectType: 'test', objectId: `${writer}:${batch}:${i}` });
          if (rollback) throw new Error('rolled back on purpose');
        }).then(
          () => (committed += 10),
          () => undefined,
        );
        if (rollback)
          await inTransaction(ds, { requestId: `w${writer}-${batch}r`, now: new Date() }, async (ctx) => {
            for (let i = 0; i < 10; i++)
              await audit.record(ctx, {
                action: 'test.write',
                objectType: 'test',
                objectId: `${writer}:${batch}:r${i}`,
              });
          }).then(() => (committed += 10));
      }
    });
    await Promise.all(writers);
    stop = true;
    await Promise.all(sealers);
    // The sealer stops at the oldest transaction still running in the whole cluster (xmin), and
    // other test files' databases share this cluster: seal again until their transactions end.
    const last = new AuditSealer(system, t.keys.auditHmacKey);
    const verifier = new AuditVerifier(system, t.keys.auditHmacKey);
    await last.sealAll(new Date());
    let report = await verifier.verify();
    for (const deadline = Date.now() + 30_000; report.unsealedEntries > 0 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      await last.sealAll(new Date());
      report = await verifier.verify();
    }

    expect(committed).toBe(20 * 500);
    expect(report.problems).toEqual([]);
    expect(report.unsealedEntries).toBe(0);
    const [{ written }] = await sql<{ written: number }>(
      t.db.superuserUrl,
      `SELECT count(*)::int AS written FROM audit_entry WHERE action = 'test.write'`,
    );
    expect(written).toBe(20 * 500);
    const [chain] = await sql<{ seals: number; linked: number; distinct_previous: number }>(
      t.db.superuserUrl,
      `SELECT count(*)::int AS seals, count(previous_id)::int AS linked, count(DISTINCT previous_id)::int AS distinct_previous FROM audit_seal`,
    );
    expect(chain.seals).toBeGreaterThan(1);
    expect(chain.linked).toBe(chain.seals - 1);
    expect(chain.distinct_previous).toBe(chain.linked);
  });
});
