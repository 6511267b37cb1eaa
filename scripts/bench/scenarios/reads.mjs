// Reads at 64 concurrent connections over synthetic data (`seed:synthetic`, real encryption):
//   caseload   GET /api/persons?page=N — a page of 50, coordinator scope (one site), N drawn from
//              the first 20 pages;
//   file read  GET /api/persons/:id — one file, identity and safe contact decrypted, drawn from
//              1,000 files of the coordinator's scope;
// each against the baseline of scripts/bench/servers/baseline.mjs (node:http + pg, same SQL, same
// decryption, same JSON, no framework, session, guards or audit), measured in the same run.
// Envol runs with audit on (every read writes its audit entry in the request's transaction); the
// file read runs a second time with audit off (benchmark-only switch, BENCH_AUDIT=off) to measure
// what the audit costs. With --growth: the same at 5,000 and 50,000 persons (BENCH_GROWTH_SIZES to
// change, e.g. 5000,50000,200000), data added to the same associations between steps, the same
// caseload pages read at every size.
import pg from 'pg';
import { CONNECTIONS, DURATION_S, figure, loadRun, ms, WARMUP_S } from '../load.mjs';
import { signIn, startServer, syntheticData } from '../synthetic.mjs';

export const name = 'reads';
export const title = 'caseload page and person file read at 64 connections, against a node:http + pg baseline';
export const growth = true;

const PERSONS = Number(process.env.BENCH_PERSONS ?? 50_000);
const GROWTH_SIZES = (process.env.BENCH_GROWTH_SIZES ?? '5000,50000').split(',').map(Number);
const PAGES = 20;
const FILES = 1000;

export async function run(context) {
  const { database } = context;
  const data = await syntheticData(context);
  const { seeder, keysFile } = data;
  const subject = seeder.associations[0];
  const coordinator = subject.coordinators[0];

  const start = (entry, extra) => startServer(context, keysFile, entry, extra);
  // The session cookie only: reads need no CSRF token.
  const sessionOf = async (port) => ({ cookie: (await signIn(port, coordinator.email)).cookie });

  /** Files of the coordinator's scope and the number of caseload pages, read as the owner in the tenant. */
  const sample = async () => {
    const client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.association_id', $1, true)`, [subject.id]);
      const ids = (
        await client.query(
          `SELECT id FROM person WHERE association_id = $1 AND site_id = $2 ORDER BY md5(id::text) LIMIT $3`,
          [subject.id, coordinator.siteId, FILES],
        )
      ).rows.map((r) => r.id);
      const inScope = (
        await client.query(`SELECT count(*)::int AS n FROM person WHERE association_id = $1 AND site_id = $2`, [
          subject.id,
          coordinator.siteId,
        ])
      ).rows[0].n;
      await client.query('COMMIT');
      return { ids, inScope, pages: Math.max(1, Math.min(PAGES, Math.ceil(inScope / 50))) };
    } finally {
      await client.end();
    }
  };

  /** One load run over `paths`, each connection taking the next. */
  const hammer = (port, paths, headers, label) => {
    let i = 0;
    return loadRun(
      context,
      port,
      headers,
      { setupRequest: (request) => ({ ...request, path: paths[i++ % paths.length] }) },
      label,
    );
  };

  // Growth compares the same pages at every size: the pages the smallest size has (an OFFSET's cost
  // grows with the page number, not with the data size).
  let growthPages;
  const measureAt = async (persons, withAuditOff) => {
    const sampled = await sample();
    const { ids, inScope } = sampled;
    if (context.growth) growthPages ??= sampled.pages;
    const pages = context.growth ? growthPages : sampled.pages;
    context.log(
      `${persons} persons; coordinator scope: ${inScope} files, ${pages} pages sampled, ${ids.length} files read`,
    );
    const caseloadPaths = (prefix) => Array.from({ length: 997 }, (_, k) => `${prefix}?page=${(k % pages) + 1}`);
    const filePaths = (prefix) => ids.map((id) => `${prefix}/${id}`);
    const out = {};

    const envol = await start('scripts/bench/servers/envol.mjs', { BENCH_AUDIT: 'on' });
    const cookie = await sessionOf(envol.port);
    out.caseload = await hammer(envol.port, caseloadPaths('/api/persons'), cookie, 'Envol caseload (audit on)');
    out.file = await hammer(envol.port, filePaths('/api/persons'), cookie, 'Envol file read (audit on)');
    await envol.proc.stop();
    if (withAuditOff) {
      const quiet = await start('scripts/bench/servers/envol.mjs', { BENCH_AUDIT: 'off' });
      const quietCookie = await sessionOf(quiet.port);
      out.fileNoAudit = await hammer(quiet.port, filePaths('/api/persons'), quietCookie, 'Envol file read (audit off)');
      await quiet.proc.stop();
    }
    const baseline = await start('scripts/bench/servers/baseline.mjs', {
      BENCH_ASSOCIATION: subject.id,
      BENCH_SITES: coordinator.siteId,
    });
    out.baselineCaseload = await hammer(baseline.port, caseloadPaths('/persons'), {}, 'baseline caseload');
    out.baselineFile = await hammer(baseline.port, filePaths('/persons'), {}, 'baseline file read');
    await baseline.proc.stop();
    return out;
  };

  const row = (scenario, envol, baseline, notes) => ({
    scenario,
    envol: figure(envol),
    baseline: figure(baseline),
    ratio: envol.rps / baseline.rps,
    ok: envol.failures === 0 && baseline.failures === 0 && envol.total > 0 && baseline.total > 0,
    notes: `${notes}${envol.failures + baseline.failures ? `; ${envol.failures + baseline.failures} FAILED requests` : ''}`,
  });

  const sizes = context.growth ? GROWTH_SIZES : [PERSONS];
  const rows = [];
  const details = { sizes: {}, connections: CONNECTIONS, durationSeconds: DURATION_S, warmupSeconds: WARMUP_S };
  for (const size of sizes) {
    const { seconds } = await data.grow(size, context);
    const m = await measureAt(size, !context.growth);
    details.sizes[size] = { seedSeconds: seconds, ...m };
    const k = size >= 1000 ? `${size / 1000}k` : String(size);
    const target = (x) => (x.p99 < 50 ? 'p99 < 50 ms' : 'p99 ≥ 50 ms (target < 50)');
    rows.push(row(`caseload page · ${k}`, m.caseload, m.baselineCaseload, `audit on; ${target(m.caseload)}`));
    rows.push(row(`file read · ${k}`, m.file, m.baselineFile, `audit on; ${target(m.file)}`));
    if (m.fileNoAudit) {
      const overhead = m.file.rps / m.fileNoAudit.rps;
      rows.push(
        row(
          `file read, audit off · ${k}`,
          m.fileNoAudit,
          m.baselineFile,
          `audit on / off = ${overhead.toFixed(2)}× throughput (p99 ${ms(m.file.p99)} vs ${ms(m.fileNoAudit.p99)})`,
        ),
      );
    }
  }
  if (context.growth && sizes.length > 1) {
    const first = details.sizes[sizes[0]];
    const last = details.sizes[sizes[sizes.length - 1]];
    for (const [label, key] of [
      ['caseload page', 'caseload'],
      ['file read', 'file'],
    ]) {
      const change = last[key].p99 / first[key].p99 - 1;
      const line = `${label}: p99 ${ms(first[key].p99)} at ${sizes[0]} → ${ms(last[key].p99)} at ${sizes[sizes.length - 1]} (${change >= 0 ? '+' : ''}${Math.round(change * 100)} %; target within 20 %)`;
      context.log(line);
      details[`growth_${key}`] = line;
    }
  }
  return { rows, details };
}
