// "Log a note" at 64 concurrent connections over synthetic data: POST /api/persons/:id/events as a
// social worker (session cookie from the login route, CSRF header from GET /api/me, as the web UI),
// a phone call with the person, drawn over 1,000 files of the worker's team. Envol validates,
// checks the scope, writes the event and its version 1 (text encrypted), moves the person's last
// contact and with it the person's two reminders (safe contact decrypted, contact constraint
// re-encrypted), audits, in one transaction. The baseline (scripts/bench/servers/baseline.mjs,
// node:http + pg) does the same INSERTs, text encrypted with the same envelope functions, and the
// last-contact UPDATE in one transaction as envol_app with the tenant set, and answers the same JSON;
// it does not move the reminders, check a session or audit.
import pg from 'pg';
import { CONNECTIONS, DURATION_S, figure, loadRun, WARMUP_S } from '../load.mjs';
import { signIn, startServer, syntheticData } from '../synthetic.mjs';

export const name = 'notes';
export const title = 'log a note (POST /api/persons/:id/events) at 64 connections, against a node:http + pg baseline';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 50_000);
const FILES = 1000;
const NOTE = {
  type: 'phone_call',
  attendees: ['person'],
  durationMinutes: 10,
  text: 'Appel de suivi : rendez-vous à la préfecture confirmé, documents à apporter listés ensemble.',
};

export async function run(context) {
  const { database } = context;
  const data = await syntheticData(context);
  await data.grow(PERSONS, context);
  const subject = data.seeder.associations[0];
  const worker = subject.workers[0];

  const start = (entry, extra) => startServer(context, data.keysFile, entry, extra);

  /** Files of the worker's team, read as the owner in the tenant. */
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  let ids;
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.association_id', $1, true)`, [subject.id]);
    ids = (
      await client.query(
        `SELECT id FROM person WHERE association_id = $1 AND team_id = $2 ORDER BY md5(id::text) LIMIT $3`,
        [subject.id, worker.teamId, FILES],
      )
    ).rows.map((r) => r.id);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  context.log(`${PERSONS} persons; ${ids.length} files of the worker's team written to`);
  const body = JSON.stringify(NOTE);

  const hammer = (port, prefix, headers, label) => {
    let i = 0;
    return loadRun(
      context,
      port,
      { ...headers, 'content-type': 'application/json' },
      {
        method: 'POST',
        body,
        setupRequest: (request) => ({ ...request, path: `${prefix}/${ids[i++ % ids.length]}/events` }),
      },
      label,
    );
  };

  const envol = await start('scripts/bench/servers/envol.mjs', { BENCH_AUDIT: 'on' });
  const headers = await signIn(envol.port, worker.email);
  // One note first, to check the answer before measuring thousands of them.
  const probe = await fetch(`http://127.0.0.1:${envol.port}/api/persons/${ids[0]}/events`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  if (probe.status !== 201) throw new Error(`Envol answered ${probe.status} to a note: ${await probe.text()}`);
  const envolShape = Object.keys(await probe.json()).sort();
  const m = await hammer(envol.port, '/api/persons', headers, 'Envol log a note (audit on)');
  await envol.proc.stop();

  const baseline = await start('scripts/bench/servers/baseline.mjs', {
    BENCH_ASSOCIATION: subject.id,
    BENCH_SITES: worker.siteId,
    BENCH_USER: worker.userId,
    BENCH_TEAM: worker.teamId,
  });
  const baseProbe = await fetch(`http://127.0.0.1:${baseline.port}/persons/${ids[0]}/events`, { method: 'POST', body });
  if (baseProbe.status !== 201) throw new Error(`the baseline answered ${baseProbe.status}: ${await baseProbe.text()}`);
  const baseShape = Object.keys(await baseProbe.json()).sort();
  if (baseShape.join() !== envolShape.join()) {
    throw new Error(`the baseline answers ${baseShape.join()} where Envol answers ${envolShape.join()}`);
  }
  const b = await hammer(baseline.port, '/persons', {}, 'baseline log a note');
  await baseline.proc.stop();

  const k = PERSONS >= 1000 ? `${PERSONS / 1000}k` : String(PERSONS);
  const failed = m.failures + b.failures;
  return {
    rows: [
      {
        scenario: `log a note · ${k}`,
        envol: figure(m),
        baseline: figure(b),
        ratio: m.rps / b.rps,
        ok: failed === 0 && m.total > 0 && b.total > 0,
        notes: `audit on; Envol also moves the 2 reminders${failed ? `; ${failed} FAILED requests` : ''}`,
      },
    ],
    details: { connections: CONNECTIONS, durationSeconds: DURATION_S, warmupSeconds: WARMUP_S, envol: m, baseline: b },
  };
}
