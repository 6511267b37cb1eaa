// 10,000 reminders due at once → all notified. 10,000 pending reminders due yesterday, each assigned
// to one social worker of a synthetic association, inserted in one statement, then delivered three
// ways, each on emptied reminder, notification and outbox tables:
//   baseline  the database alone: per reminder, in its own transaction as envol_app with the tenant
//             set, one UPDATE marking it notified and one INSERT of its notification, 10 concurrent
//             loops on a pg Pool (the worker's default job concurrency);
//   BullMQ    one `apps/worker` process: its `reminders.arm` schedule (every 200 ms) arms the due
//             reminders into the outbox, the relay publishes them to Redis, the executor runs
//             `reminders.notify`, as in production;
//   embedded  the in-process runner of an API without REDIS_URL (`startInProcessJobs`), and
//             `armDueReminders` called every 200 ms from this process as the API's timer does.
// Envol's figure is the wall time from the commit of the 10,000 rows to the poll that sees them all
// notified (polled every 100 ms); every reminder must end with exactly one notification.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startEmbeddedJobs, startWorker, transactionLanes } from '../harness.mjs';
import { syntheticData } from '../synthetic.mjs';

export const name = 'reminders-10k';
export const title = '10,000 reminders due at once → all notified';

const REMINDERS = 10_000;
const CONCURRENCY = 10;
const INTERVAL_MS = 200;
const POLL_MS = 100;
const JOB_SETTINGS = {
  OUTBOX_RELAY_INTERVAL_MS: String(INTERVAL_MS),
  REMINDER_ARM_INTERVAL_MS: String(INTERVAL_MS),
  JOB_CONCURRENCY: String(CONCURRENCY),
};

const BASELINE_UPDATE = `UPDATE reminder SET status = 'notified', notified_at = now(), deliveries = 1
  WHERE id = $1 AND status = 'pending' RETURNING association_id, assignee_user_id`;
const BASELINE_INSERT = `INSERT INTO notification (association_id, user_id, reminder_id, round) VALUES ($1, $2, $3, 1)`;

export async function run(context) {
  const { database } = context;
  const data = await syntheticData(context);
  const subject = data.seeder.associations[0];
  const assignees = subject.workers.map((w) => w.userId);

  const owner = new pg.Client({ connectionString: database.ownerUrl, application_name: 'envol-bench-owner' });
  await owner.connect();
  context.defer(() => owner.end());
  // Reminders are under row-level security, the owner included: its reads and checks are in the association.
  await owner.query(`SELECT set_config('app.association_id', $1, false)`, [subject.id]);
  const app = new pg.Pool({ connectionString: database.appUrl, max: CONCURRENCY, application_name: 'envol-bench' });
  context.defer(() => app.end());

  // The seeded files' own reminders (many of them due) would be delivered too: each mode starts on
  // empty tables and delivers only its 10,000.
  const reset = () => owner.query('TRUNCATE notification, reminder, outbox_job');

  /** 10,000 due reminders in one statement, as envol_app in the association; resolves once committed. */
  const insertDue = async () => {
    const started = performance.now();
    const client = await app.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.association_id', $1, true)`, [subject.id]);
      const { rowCount } = await client.query(
        `INSERT INTO reminder (id, association_id, person_id, site_id, kind, key, source_kind, source_id, due_on,
            deadline_on, assignee_user_id, assignee_role, status, follows_referent, deliveries, contact,
            created_at, updated_at, version)
         SELECT gen_random_uuid(), $1, NULL, NULL, 'no_contact', 'no_contact', 'bench', gen_random_uuid(),
            (now() AT TIME ZONE 'Europe/Paris')::date - 1, NULL, ($2::uuid[])[1 + g % cardinality($2::uuid[])], NULL,
            'pending', false, 0, NULL, now(), now(), 1
           FROM generate_series(1, $3) g`,
        [subject.id, assignees, REMINDERS],
      );
      await client.query('COMMIT');
      if (rowCount !== REMINDERS) throw new Error(`inserted ${rowCount} reminders instead of ${REMINDERS}`);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return (performance.now() - started) / 1000;
  };

  const countNotified = async () =>
    (await owner.query(`SELECT count(*)::int AS n FROM reminder WHERE status = 'notified'`)).rows[0].n;

  const untilAllNotified = async (mode, stillRunning = () => undefined) => {
    const started = performance.now();
    const read = async () => {
      stillRunning();
      return countNotified();
    };
    await context.waitUntil(`${REMINDERS} reminders notified (${mode})`, read, (n) => n === REMINDERS, {
      everyMs: POLL_MS,
    });
    return (performance.now() - started) / 1000;
  };

  const check = async () => {
    const { rows } = await owner.query(`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE r.status = 'notified')::int AS notified,
             count(*) FILTER (WHERE coalesce(n.n, 0) = 1)::int AS "notifiedOnce",
             count(*) FILTER (WHERE n.n > 1)::int AS duplicates,
             count(*) FILTER (WHERE n.n IS NULL)::int AS lost
        FROM reminder r
        LEFT JOIN (SELECT reminder_id, count(*)::int AS n FROM notification GROUP BY reminder_id) n
          ON n.reminder_id = r.id`);
    return rows[0];
  };

  const measured = {};

  // The database alone.
  {
    await reset();
    const insertSeconds = await insertDue();
    const ids = (await owner.query('SELECT id FROM reminder ORDER BY due_on, id')).rows.map((r) => r.id);
    if (ids.length !== REMINDERS) throw new Error(`the baseline sees ${ids.length} reminders instead of ${REMINDERS}`);
    const seconds = await transactionLanes(context, app, CONCURRENCY, ids, async (client, id) => {
      await client.query(`SELECT set_config('app.association_id', $1, true)`, [subject.id]);
      const { rows } = await client.query(BASELINE_UPDATE, [id]);
      if (rows.length !== 1) throw new Error(`baseline: reminder ${id} was not pending`);
      await client.query(BASELINE_INSERT, [rows[0].association_id, rows[0].assignee_user_id, id]);
    });
    measured.baseline = { seconds, insertSeconds, check: await check() };
    context.log(`baseline: ${seconds.toFixed(2)} s`);
  }

  // BullMQ: one worker process, as `npm run start:worker` runs it.
  {
    await reset();
    const worker = await startWorker(context, JOB_SETTINGS);
    const insertSeconds = await insertDue();
    const seconds = await worker.watch('reminders were notified', (alive) => untilAllNotified('BullMQ', alive));
    await worker.proc.stop();
    measured.bullmq = { seconds, insertSeconds, check: await check() };
    context.log(`BullMQ: ${seconds.toFixed(2)} s`);
  }

  // Embedded: the in-process runner, and the arming timer of the API, in this process.
  {
    await reset();
    const platform = await context.load('dist/libs/platform/src/index.js');
    const { armDueReminders } = await context.load('dist/libs/reminders/src/index.js');
    const { stop } = await startEmbeddedJobs(context, JOB_SETTINGS);
    const system = await platform
      .createDataSource({ url: database.systemUrl, entities: [], poolSize: 1, applicationName: 'envol-bench-arm' })
      .initialize();
    context.defer(() => system.destroy());
    let arming = true;
    let armed = 0;
    const armLoop = (async () => {
      while (arming && !context.signal.aborted) {
        const now = new Date();
        armed += await platform.inTransaction(system, { requestId: 'reminders-arm', now }, (ctx) =>
          armDueReminders(ctx.manager, now),
        );
        await context.sleep(INTERVAL_MS);
      }
    })();
    const insertSeconds = await insertDue();
    let seconds;
    try {
      seconds = await untilAllNotified('embedded');
    } finally {
      arming = false;
      await armLoop;
    }
    await stop();
    measured.embedded = { seconds, insertSeconds, armed, check: await check() };
    context.log(`embedded: ${seconds.toFixed(2)} s`);
  }

  const figure = (seconds) => ({
    value: seconds,
    unit: 's',
    perSecond: REMINDERS / seconds,
    text: `${seconds.toFixed(2)} s · ${Math.round(REMINDERS / seconds).toLocaleString('en-US')} reminders/s`,
  });
  const verdict = ({ check: c }) => {
    const ok = c.total === REMINDERS && c.notified === REMINDERS && c.notifiedOnce === REMINDERS;
    const n = REMINDERS.toLocaleString('en-US');
    const text = ok
      ? `${n}/${n} notified, one notification each, 0 lost, 0 duplicates`
      : `WRONG: ${c.notified} notified of ${c.total}, ${c.duplicates} duplicates, ${c.lost} without notification`;
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
      row('BullMQ', 'bullmq', `1 worker, concurrency ${CONCURRENCY}, arm + relay every ${INTERVAL_MS} ms`),
      row('embedded', 'embedded', `in-process runner, concurrency ${CONCURRENCY}, arm + claim every ${INTERVAL_MS} ms`),
    ],
    details: {
      reminders: REMINDERS,
      concurrency: CONCURRENCY,
      intervalMs: INTERVAL_MS,
      pollMs: POLL_MS,
      baseline: {
        ...measured.baseline,
        what: `${BASELINE_UPDATE.replace(/\s+/g, ' ')}; ${BASELINE_INSERT}; BEGIN/COMMIT per reminder`,
      },
      bullmq: measured.bullmq,
      embedded: measured.embedded,
    },
  };
}
