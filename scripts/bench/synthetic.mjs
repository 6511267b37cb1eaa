// The synthetic data the scenarios share (`seed:synthetic`'s seeder, real encryption): 20
// associations created once per run, persons added as scenarios ask for more, one key file. The
// scenarios that read or write person data (notes, reads, reminders-10k) use the same associations
// and accounts, so a run seeds once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from './harness.mjs';

export const PASSWORD = 'synthetic-password';
export const ASSOCIATIONS = 20;
// Journal history per file (BENCH_EVENTS_PER_PERSON): none by default, since the read scenarios do not
// read the journal and seeding it costs minutes at 50,000 files.
const EVENTS_PER_PERSON = Number(process.env.BENCH_EVENTS_PER_PERSON ?? 0);

let shared;

/**
 * The run's synthetic data: `{ keysFile, owner, seeder, persons, grow(total) }`. `grow(total, context)` adds
 * persons up to `total` and answers what it took (`{ added, rows, seconds }`); the data is then
 * vacuumed and analysed, as a database that has lived would be.
 */
export async function syntheticData(context) {
  if (shared) return shared;
  const platform = await context.load('dist/libs/platform/src/index.js');
  const { ownerDataSource } = await context.load('dist/apps/api/src/database.js');
  const { SyntheticSeeder } = await context.load('dist/apps/api/src/seed/synthetic.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'envol-bench-'));
  const keysFile = path.join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify(platform.generateKeyFileJson()), { mode: 0o600 });
  const keys = platform.loadKeyFile(keysFile);
  const owner = await ownerDataSource(context.database.ownerUrl).initialize();
  context.deferRun(async () => {
    await owner.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const seeder = new SyntheticSeeder(owner, keys, {
    seed: 1,
    password: PASSWORD,
    eventsPerPerson: EVENTS_PER_PERSON,
    say: () => undefined,
  });
  await seeder.createAssociations(ASSOCIATIONS);
  shared = {
    keysFile,
    owner,
    seeder,
    persons: 0,
    async grow(total, caller = context) {
      const added = Math.max(0, total - shared.persons);
      if (added === 0) return { added, rows: 0, seconds: 0 };
      // Seeding is not the scenario's work: its time is not counted against the scenario's limit.
      return caller.untimed(async () => {
        const started = performance.now();
        const rowsBefore = seeder.rows;
        await seeder.addPersons(added);
        const seconds = (performance.now() - started) / 1000;
        shared.persons = total;
        // VACUUM as autovacuum would have by then: index-only scans (the caseload's count) need the visibility map.
        await owner.query('VACUUM ANALYZE');
        const rows = seeder.rows - rowsBefore;
        caller.log(
          `seeded ${added} persons (${rows} rows with their appointments, reminders and pathways) in ${seconds.toFixed(1)} s — ${Math.round(added / seconds)} persons/s, ${Math.round(rows / seconds)} rows/s`,
        );
        return { added, rows, seconds };
      });
    },
  };
  return shared;
}

const READY = /ready on \d+/;

/**
 * Starts a server entry (`scripts/bench/servers/*.mjs`) on the run's database, key file and Redis,
 * with `extra` environment; waits for its "ready" line. Stopped when the scenario ends, or by the
 * caller (`proc.stop()`).
 */
export async function startServer(context, keysFile, entry, extra = {}) {
  const port = await freePort();
  const proc = context.node(entry, {
    NODE_ENV: 'development',
    DATABASE_URL: context.database.appUrl,
    DATABASE_SYSTEM_URL: context.database.systemUrl,
    ENVOL_KEYS_FILE: keysFile,
    REDIS_URL: context.redisUrl,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...extra,
  });
  await proc.waitFor(READY, { timeoutMs: 60_000, signal: context.signal });
  return { port, proc };
}

/**
 * Signs in by the login route as the web UI does: the headers of the session, its cookie and, from
 * `GET /api/me`, its CSRF token (for writes).
 */
export async function signIn(port, email) {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = await response.json();
  if (response.status !== 200 || (body.next !== undefined && body.next !== 'done')) {
    throw new Error(`sign-in answered ${response.status} ${JSON.stringify(body)}`);
  }
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in set no cookie');
  const me = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { cookie } });
  const { csrfToken } = await me.json();
  if (!csrfToken) throw new Error(`GET /api/me answered ${me.status} without a CSRF token`);
  return { cookie, 'x-csrf-token': csrfToken };
}
