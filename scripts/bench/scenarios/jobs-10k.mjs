// 10,000 jobs due at once → all done. The same 10,000 outbox rows of `system.ping` (a handler that
// does nothing: what is measured is the job platform itself) are run three ways, each on a fresh
// table:
//   baseline  the database alone: per row, one UPDATE marking it done in its own transaction,
//             10 concurrent loops on a pg Pool (the worker's default concurrency), as envol_app;
//   BullMQ    one `apps/worker` process: relay → Redis → executor, as in production;
//   embedded  the in-process runner of an API without REDIS_URL (`startInProcessJobs`).
// Envol's figure is the wall time from the commit of the 10,000 rows to the poll that sees them all
// done (polled every 100 ms); every row must end with effects = 1.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startEmbeddedJobs, startWorker, transactionLanes } from '../harness.mjs';

export const name = 'jobs-10k';
export const title = '10,000 jobs due at once → all done';

const JOBS = 10_000;
// JOB_CONCURRENCY's default: the worker runs 10 jobs at once, so does the baseline.
const CONCURRENCY = 10;
const RELAY_INTERVAL_MS = 200;
const POLL_MS = 100;
const BASELINE_UPDATE = `UPDATE outbox_job SET state = 'done', effects = effects + 1, done_at = now()
  WHERE id = $1 AND state IN ('pending', 'queued')`;

/** The settings both Envol modes run with; the rest are the defaults of libs/platform's config. */
const JOB_SETTINGS = {
  OUTBOX_RELAY_INTERVAL_MS: String(RELAY_INTERVAL_MS),
  JOB_CONCURRENCY: String(CONCURRENCY),
};

export async function run(context) {
  const { database } = context;
  const owner = new pg.Client({ connectionString: database.ownerUrl, application_name: 'envol-bench-owner' });
  await owner.connect();
  context.defer(() => owner.end());
  // As envol_app, the role job handlers run as; the outbox is exempt from row-level security, so no
  // tenant setting is needed to write it.
  const app = new pg.Pool({ connectionString: database.appUrl, max: CONCURRENCY, application_name: 'envol-bench' });
  context.defer(() => app.end());

  const reset = () => owner.query('TRUNCATE outbox_job');

  /** 10,000 due rows in one statement; resolves once they are committed. */
  const insertDue = async () => {
    const started = performance.now();
    const { rowCount } = await app.query(
      `INSERT INTO outbox_job (association_id, job_name, payload, state, run_at, attempts, effects)
       SELECT NULL, 'system.ping', '{}'::jsonb, 'pending', now(), 0, 0 FROM generate_series(1, $1)`,
      [JOBS],
    );
    if (rowCount !== JOBS) throw new Error(`inserted ${rowCount} rows instead of ${JOBS}`);
    return (performance.now() - started) / 1000;
  };

  const countDone = async () =>
    (await owner.query(`SELECT count(*)::int AS done FROM outbox_job WHERE state = 'done'`)).rows[0].done;

  /**
   * Seconds from now until every row is done, seen by a poll every 100 ms. `stillRunning` throws
   * when what runs the jobs is gone, rather than waiting out the scenario's time.
   */
  const untilAllDone = async (mode, stillRunning = () => undefined) => {
    const started = performance.now();
    const read = async () => {
      stillRunning();
      return countDone();
    };
    await context.waitUntil(`${JOBS} rows done (${mode})`, read, (done) => done === JOBS, { everyMs: POLL_MS });
    return (performance.now() - started) / 1000;
  };

  const check = async () => {
    const { rows } = await owner.query(`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE state = 'done')::int AS done,
             count(*) FILTER (WHERE effects = 1)::int AS "effectsOne",
             count(*) FILTER (WHERE effects > 1)::int AS duplicates,
             count(*) FILTER (WHERE effects = 0)::int AS lost
        FROM outbox_job`);
    return rows[0];
  };

  const measured = {};

  // The database alone.
  {
    await reset();
    const insertSeconds = await insertDue();
    const ids = (await owner.query('SELECT id FROM outbox_job ORDER BY run_at')).rows.map((r) => r.id);
    const seconds = await transactionLanes(context, app, CONCURRENCY, ids, async (client, id) => {
      const { rowCount } = await client.query(BASELINE_UPDATE, [id]);
      if (rowCount !== 1) throw new Error(`baseline: row ${id} was not pending`);
    });
    measured.baseline = { seconds, insertSeconds, check: await check() };
    context.log(`baseline: ${seconds.toFixed(2)} s`);
  }

  // BullMQ: one worker process, as `npm run start:worker` runs it.
  {
    await reset();
    const worker = await startWorker(context, JOB_SETTINGS);
    const insertSeconds = await insertDue();
    const seconds = await worker.watch('jobs were done', (alive) => untilAllDone('BullMQ', alive));
    await worker.proc.stop();
    measured.bullmq = { seconds, insertSeconds, check: await check() };
    context.log(`BullMQ: ${seconds.toFixed(2)} s`);
  }

  // Embedded: the in-process runner, in this process, as the API runs it without REDIS_URL.
  {
    await reset();
    const { stop } = await startEmbeddedJobs(context, JOB_SETTINGS);
    const insertSeconds = await insertDue();
    const seconds = await untilAllDone('embedded');
    await stop();
    measured.embedded = { seconds, insertSeconds, check: await check() };
    context.log(`embedded: ${seconds.toFixed(2)} s`);
  }

  const figure = (seconds) => ({
    value: seconds,
    unit: 's',
    jobsPerSecond: JOBS / seconds,
    text: `${seconds.toFixed(2)} s · ${Math.round(JOBS / seconds).toLocaleString('en-US')} jobs/s`,
  });
  const verdict = ({ check: c }) => {
    const ok = c.total === JOBS && c.done === JOBS && c.effectsOne === JOBS;
    const text = ok
      ? `${JOBS.toLocaleString('en-US')}/${JOBS.toLocaleString('en-US')} done, effects = 1 on every row, 0 duplicates`
      : `WRONG: ${c.done} done of ${c.total}, ${c.duplicates} duplicates, ${c.lost} never run`;
    return { ok, text };
  };
  const baseline = figure(measured.baseline.seconds);
  const baselineVerdict = verdict(measured.baseline);
  const row = (label, mode, how) => {
    const v = verdict(measured[mode]);
    return {
      scenario: `${name} · ${label}`,
      envol: figure(measured[mode].seconds),
      baseline,
      ratio: measured[mode].seconds / measured.baseline.seconds,
      ok: v.ok && baselineVerdict.ok,
      notes: `${v.text}; ${how}${baselineVerdict.ok ? '' : `; baseline ${baselineVerdict.text}`}`,
    };
  };
  return {
    rows: [
      row('BullMQ', 'bullmq', `1 worker process, concurrency ${CONCURRENCY}, relay every ${RELAY_INTERVAL_MS} ms`),
      row('embedded', 'embedded', `in-process runner, concurrency ${CONCURRENCY}, claim every ${RELAY_INTERVAL_MS} ms`),
    ],
    details: {
      jobs: JOBS,
      concurrency: CONCURRENCY,
      relayIntervalMs: RELAY_INTERVAL_MS,
      pollMs: POLL_MS,
      baseline: { ...measured.baseline, what: `${BASELINE_UPDATE.replace(/\s+/g, ' ')}, BEGIN/COMMIT per row` },
      bullmq: measured.bullmq,
      embedded: measured.embedded,
    },
  };
}
