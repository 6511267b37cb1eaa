import {
  BullJobPublisher,
  createDataSource,
  createProducerConnection,
  enqueue,
  inTransaction,
  JOB_NAMES,
  OutboxJob,
  OutboxMonitor,
  OutboxPayloadError,
  OutboxService,
  QUEUE_NAME,
  QUEUE_PREFIX,
  type JobName,
  type RequestContext,
  generateKeyFileJson,
} from '@app/platform';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { sql } from '../support/sql';
import { createTestApp } from '../support/test-app';
import { API, freePort, Processes, sleep, summary, SWEEP_INTERVAL_MS, waitUntil } from './support';

// DESIGN.md decision 5 and ACCEPTANCE.md "Background jobs": PostgreSQL's outbox is the source of
// truth; Redis and worker processes may die at any moment without losing or repeating a job. Each
// test has its own database, its own redis-server on a free port, and its own worker processes.
jest.setTimeout(90_000);

const READY = /"msg":"worker ready"/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('background jobs under faults', () => {
  let procs: Processes;
  let db: TestDatabase;
  let owner: Client;
  let app: DataSource;

  beforeEach(async () => {
    procs = new Processes();
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    app = await createDataSource({ url: db.appUrl, entities: [OutboxJob], poolSize: 4 }).initialize();
  });

  afterEach(async () => {
    await procs.cleanup();
    await app?.destroy();
    await owner?.end();
    await db?.drop();
  });

  const workerEnv = (redisUrl: string, target: TestDatabase = db): Record<string, string> => ({
    DATABASE_URL: target.appUrl,
    DATABASE_SYSTEM_URL: target.systemUrl,
    REDIS_URL: redisUrl,
  });

  const write = <T>(associationId: string | null, work: (ctx: RequestContext) => Promise<T>, on = app) =>
    inTransaction(on, { requestId: randomUUID(), now: new Date(), associationId }, work);

  /** Jobs written the way the API writes them: enqueue in a business transaction, as envol_app. */
  const enqueueMany = (count: number, name: JobName = 'system.ping', associationId: string | null = randomUUID()) =>
    write(associationId, async (ctx) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await enqueue(ctx, name, {}));
      return ids;
    });

  const rowOf = async (id: string) =>
    (
      await owner.query<{
        state: string;
        attempts: number;
        effects: number;
        last_error_code: string | null;
        run_at: Date;
        updated_at: Date;
      }>('SELECT state, attempts, effects, last_error_code, run_at, updated_at FROM outbox_job WHERE id = $1', [id])
    ).rows[0];

  it('loses nothing and repeats nothing when the worker is SIGKILLed 5 times while 1,000 jobs are due', async () => {
    const redis = await procs.redis();
    await enqueueMany(1_000);
    const started = Date.now();
    const doneAtKill: number[] = [];
    for (let kill = 1; kill <= 5; kill++) {
      const worker = procs.worker(workerEnv(redis.url));
      await worker.waitFor(READY);
      const before = (await summary(owner)).done;
      // Killed as soon as it is visibly at work, mid-batch, with jobs active and locked in Redis.
      const seen = await waitUntil(
        `the worker to make progress before kill ${kill}`,
        () => summary(owner),
        (s) => s.done >= before + 40,
        30_000,
        10,
      );
      worker.child.kill('SIGKILL');
      await worker.exited;
      doneAtKill.push(seen.done);
    }
    expect(doneAtKill.every((done) => done < 1_000)).toBe(true);

    procs.worker(workerEnv(redis.url));
    await waitUntil(
      '1,000 jobs done after 5 kills',
      () => summary(owner),
      (s) => s.done === 1_000,
      60_000,
      100,
    );
    expect(await summary(owner)).toEqual({
      total: 1_000,
      pending: 0,
      queued: 0,
      done: 1_000,
      failed: 0,
      duplicates: 0,
      doneNotOnce: 0,
    });
    process.stdout.write(
      `SIGKILL × 5: 1,000 jobs done in ${((Date.now() - started) / 1000).toFixed(1)} s (done at each kill: ${doneAtKill.join(', ')})\n`,
    );
  });

  it('notifies each of 600 due reminders exactly once when the worker is SIGKILLed 3 times while delivering', async () => {
    const redis = await procs.redis();
    const associationId = randomUUID();
    const assignees = Array.from({ length: 7 }, () => randomUUID());
    // Due reminders written as the domain libs would leave them (superuser: past row-level security).
    const superuser = new Client({ connectionString: db.superuserUrl });
    await superuser.connect();
    try {
      await superuser.query(
        `INSERT INTO reminder (version, association_id, kind, key, source_kind, source_id, due_on, assignee_user_id, status)
         SELECT 1, $1, 'no_contact', 'no_contact', 'person', gen_random_uuid(), current_date - (g % 5), ($2::uuid[])[1 + g % 7], 'pending'
           FROM generate_series(1, 600) AS g`,
        [associationId, assignees],
      );
    } finally {
      await superuser.end();
    }
    const notifiedCount = async () =>
      (
        await sql<{ notified: number; notifications: number; reminders: number }>(
          db.superuserUrl,
          `SELECT (SELECT count(*)::int FROM reminder WHERE status = 'notified') AS notified,
                  (SELECT count(*)::int FROM notification) AS notifications,
                  (SELECT count(DISTINCT reminder_id)::int FROM notification) AS reminders`,
        )
      )[0];
    const env = { ...workerEnv(redis.url), REMINDER_ARM_INTERVAL_MS: '300', JOB_CONCURRENCY: '4' };
    const atKill: number[] = [];
    for (let kill = 1; kill <= 3; kill++) {
      const worker = procs.worker(env);
      await worker.waitFor(READY);
      const before = (await notifiedCount()).notified;
      const seen = await waitUntil(
        `reminders delivered before kill ${kill}`,
        notifiedCount,
        (c) => c.notified >= before + 30,
        30_000,
        10,
      );
      worker.child.kill('SIGKILL');
      await worker.exited;
      atKill.push(seen.notified);
    }
    expect(atKill.every((n) => n < 600)).toBe(true);
    procs.worker(env);
    await waitUntil('600 reminders notified', notifiedCount, (c) => c.notified === 600, 60_000, 100);
    // One notification per reminder: none lost, none twice; one job per reminder, each done once.
    expect(await notifiedCount()).toEqual({ notified: 600, notifications: 600, reminders: 600 });
    const jobs = await sql<{ total: number; done: number; once: number }>(
      db.superuserUrl,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'done')::int AS done,
              count(*) FILTER (WHERE effects = 1)::int AS once
         FROM outbox_job WHERE job_name = 'reminders.notify'`,
    );
    expect(jobs[0]).toEqual({ total: 600, done: 600, once: 600 });
    process.stdout.write(
      `reminders, SIGKILL × 3: 600 notified once each (notified at each kill: ${atKill.join(', ')})\n`,
    );
  });

  it('runs 500 waiting jobs after Redis shuts down without saving and restarts empty, within two sweep intervals', async () => {
    const redis = await procs.redis();
    const worker = procs.worker(workerEnv(redis.url));
    await worker.waitFor(READY);
    // Paused, so the 500 jobs wait in Redis when it goes down (the pause itself is lost with it).
    const inspectorConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const inspector = new Queue(QUEUE_NAME, { connection: inspectorConnection, prefix: QUEUE_PREFIX });
    try {
      await inspector.pause();
      await enqueueMany(500);
      await waitUntil(
        '500 rows relayed',
        () => summary(owner),
        (s) => s.queued === 500,
        15_000,
      );
      expect(await inspector.getJobCounts('wait')).toEqual({ wait: 500 });
    } finally {
      await inspector.close();
      inspectorConnection.disconnect();
    }

    await redis.shutdownNoSave();
    expect((await summary(owner)).done).toBe(0);
    await procs.redis(redis.port);
    const restarted = Date.now();
    await waitUntil(
      '500 jobs done after the Redis restart',
      () => summary(owner),
      (s) => s.done === 500,
      30_000,
    );
    const elapsed = Date.now() - restarted;
    expect(elapsed).toBeLessThanOrEqual(2 * SWEEP_INTERVAL_MS);
    expect(await summary(owner)).toMatchObject({ total: 500, done: 500, duplicates: 0, doneNotOnce: 0 });
    expect(worker.output()).toMatch(/schedules re-created/);
    process.stdout.write(
      `Redis SHUTDOWN NOSAVE: 500 jobs done ${(elapsed / 1000).toFixed(1)} s after the restart (sweep interval ${SWEEP_INTERVAL_MS / 1000} s)\n`,
    );
  });

  it('recovers jobs and schedules Redis loses while it stays up, within two sweep intervals', async () => {
    const redis = await procs.redis();
    const worker = procs.worker(workerEnv(redis.url));
    await worker.waitFor(READY);
    const inspectorConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const inspector = new Queue(QUEUE_NAME, { connection: inspectorConnection, prefix: QUEUE_PREFIX });
    const loseWaitingJobs = async (count: number, lose: () => Promise<unknown>): Promise<number> => {
      await inspector.pause();
      const before = (await summary(owner)).done;
      await enqueueMany(count);
      await waitUntil(
        `${count} rows relayed`,
        () => summary(owner),
        (s) => s.queued === count,
        15_000,
      );
      expect(await inspector.getJobCounts('wait')).toEqual({ wait: count });
      await lose();
      const lost = Date.now();
      await waitUntil(
        `${count} lost jobs done`,
        () => summary(owner),
        (s) => s.done === before + count,
        30_000,
      );
      return Date.now() - lost;
    };
    try {
      // The jobs go (queue obliterated), the schedules stay: the periodic sweep finds the stale rows.
      const sweep = await loseWaitingJobs(100, () => inspector.obliterate({ force: true }));
      expect(sweep).toBeLessThanOrEqual(2 * SWEEP_INTERVAL_MS);
      // Everything goes (FLUSHALL), the connection stays: the worker sees its schedules missing.
      const flush = await loseWaitingJobs(100, () => inspectorConnection.flushall());
      expect(flush).toBeLessThanOrEqual(2 * SWEEP_INTERVAL_MS);
      expect(worker.output()).toMatch(/"reason":"schedules missing"/);
      expect(await summary(owner)).toMatchObject({ total: 200, done: 200, duplicates: 0, doneNotOnce: 0 });
      process.stdout.write(
        `Redis data lost while up: jobs back in ${(sweep / 1000).toFixed(1)} s (sweep), ${(flush / 1000).toFixed(1)} s (FLUSHALL)\n`,
      );
    } finally {
      await inspector.close();
      inspectorConnection.disconnect();
    }
  });

  it('accepts an API write while Redis is down; its job runs once Redis is back', async () => {
    const redis = await procs.redis();
    const api = await createTestApp({ env: { REDIS_URL: redis.url } });
    const apiOwner = new Client({ connectionString: api.db.ownerUrl });
    await apiOwner.connect();
    try {
      const worker = procs.worker(workerEnv(redis.url, api.db));
      await worker.waitFor(READY);
      await redis.shutdownNoSave();

      // No API route enqueues a job yet: the write runs through inTransaction on the API's own data
      // source, as the TransactionInterceptor runs every request.
      const started = Date.now();
      const [id] = await write(
        randomUUID(),
        (ctx) => enqueue(ctx, 'system.ping', {}).then((x) => [x]),
        api.app.get(DataSource),
      );
      expect(Date.now() - started).toBeLessThan(1_000);

      const healthStarted = Date.now();
      const health = await api.app.inject({ method: 'GET', url: '/api/health' });
      expect(Date.now() - healthStarted).toBeLessThan(5_000);
      expect(health.statusCode).toBe(200);
      expect(health.json().details).toMatchObject({
        database: { status: 'up' },
        redis: { status: 'degraded' },
        jobs: { status: 'up', depth: 1, failed: 0, oldestPendingSeconds: expect.any(Number) },
      });
      const metrics = await api.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/^envol_outbox_depth 1$/m);
      expect(metrics.body).toMatch(/^envol_outbox_failed 0$/m);
      expect(metrics.body).toMatch(/^envol_outbox_oldest_pending_seconds \d/m);

      // Nothing can move while Redis is away: the job waits in the outbox.
      await sleep(1_000);
      expect((await summary(apiOwner)).pending).toBe(1);

      await procs.redis(redis.port);
      await waitUntil(
        'the job done once Redis is back',
        () => summary(apiOwner),
        (s) => s.done === 1,
        15_000,
      );
      const row = (await apiOwner.query<{ effects: number }>('SELECT effects FROM outbox_job WHERE id = $1', [id]))
        .rows[0];
      expect(row.effects).toBe(1);
      const after = await api.app.inject({ method: 'GET', url: '/api/health' });
      expect(after.json().details.jobs).toMatchObject({ status: 'up', depth: 0 });
    } finally {
      await apiOwner.end();
      await api.close();
    }
  });

  it('has one effect for a job enqueued 10 times under the same job id', async () => {
    const redis = await procs.redis();
    const [id] = await enqueueMany(1);
    const producer = createProducerConnection(redis.url);
    const queue = new Queue(QUEUE_NAME, { connection: producer, prefix: QUEUE_PREFIX });
    try {
      const publisher = new BullJobPublisher(queue);
      const again = () => publisher.publish([{ outboxId: id, jobName: 'system.ping' }]);
      // Five at once while no worker runs: Redis keeps one job for the one id.
      await Promise.all(Array.from({ length: 5 }, again));
      expect(await queue.getJobCounts('wait')).toEqual({ wait: 1 });

      procs.worker(workerEnv(redis.url));
      await waitUntil(
        'the job done',
        () => summary(owner),
        (s) => s.done === 1,
        20_000,
      );
      // Five more after it finished: the job id is free again, so each is a new delivery of a done row.
      for (let i = 0; i < 5; i++) await again();
      await waitUntil(
        'the queue drained',
        () => queue.getJobCounts('wait', 'active', 'delayed'),
        (c) => Object.values(c).every((n) => n === 0),
        20_000,
      );
      expect((await rowOf(id)).effects).toBe(1);
      expect(await summary(owner)).toMatchObject({ total: 1, done: 1, duplicates: 0 });
    } finally {
      await queue.close();
      producer.disconnect();
    }
  });

  it('retries a job that always fails with exponential backoff, then parks it as failed for the admins', async () => {
    const redis = await procs.redis();
    procs.worker(workerEnv(redis.url));
    const association = randomUUID();
    const [id] = await enqueueMany(1, 'system.poison', association);

    // Each failure moves run_at by the backoff from the instant it was recorded (updated_at).
    const delays = new Map<number, number>();
    const parked = await waitUntil(
      'the poison job parked as failed',
      async () => {
        const row = await rowOf(id);
        if (row.state === 'pending' && row.attempts > 0) {
          delays.set(row.attempts, row.run_at.getTime() - row.updated_at.getTime());
        }
        return row;
      },
      (row) => row.state === 'failed',
      30_000,
      10,
    );
    expect(parked).toMatchObject({ state: 'failed', attempts: 3, last_error_code: 'JOB_POISON', effects: 0 });
    expect([...delays.entries()]).toEqual([
      [1, 200],
      [2, 400],
    ]);

    const service = new OutboxService();
    const listed = await write(association, (ctx) => service.listFailed(ctx));
    expect(listed).toEqual([
      expect.objectContaining({ id, jobName: 'system.poison', attempts: 3, lastErrorCode: 'JOB_POISON' }),
    ]);
    expect(await write(randomUUID(), (ctx) => service.listFailed(ctx))).toEqual([]);
    expect(await new OutboxMonitor(app).stats()).toMatchObject({ depth: 0, failed: 1 });

    // "Retry" resets the row; the worker takes it again (and it fails again, being poison).
    await write(association, (ctx) => service.retry(ctx, id));
    await waitUntil(
      'the retried job attempted again',
      () => rowOf(id),
      (row) => row.attempts >= 1,
      10_000,
      20,
    );
  });

  it('keeps Redis free of anything but ids: 0 canaries in its keys and values', async () => {
    const canary = ['Zoé', 'Canari-Marchetti', 'cnry7f3a9c'];
    const CANARY = canary.join(' ');
    const redis = await procs.redis();
    const worker = procs.worker(workerEnv(redis.url));
    await worker.waitFor(READY);
    const inspectorConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const inspector = new Queue(QUEUE_NAME, { connection: inspectorConnection, prefix: QUEUE_PREFIX });
    try {
      await inspector.pause();
      const association = randomUUID();
      // A business transaction with a person-like name around its jobs (a row, the actor, the
      // request id): none of it may reach Redis. A payload carrying the name is refused outright.
      await inTransaction(
        app,
        {
          requestId: `request ${CANARY}`,
          now: new Date(),
          associationId: association,
          actor: { userId: randomUUID(), associationId: association, roles: [CANARY] },
        },
        async (ctx) => {
          await ctx.manager.query('CREATE TEMP TABLE person_canary (name text) ON COMMIT DROP');
          await ctx.manager.query('INSERT INTO person_canary VALUES ($1)', [CANARY]);
          for (let i = 0; i < 20; i++) await enqueue(ctx, 'system.ping', {});
          await enqueue(ctx, 'system.poison', {});
          await expect(
            enqueue(ctx, 'system.ping', { personName: CANARY } as unknown as Record<string, never>),
          ).rejects.toThrow(OutboxPayloadError);
        },
      );
      await waitUntil(
        '21 rows relayed',
        () => summary(owner),
        (s) => s.queued === 21,
        15_000,
      );
      const waiting = await scanRedis(redis.url);
      await inspector.resume();
      await waitUntil(
        'the jobs run',
        () => summary(owner),
        (s) => s.done === 20 && s.failed === 1,
        20_000,
      );
      const finished = await scanRedis(redis.url);

      for (const scan of [waiting, finished]) {
        const haystack = [...scan.keys, ...scan.values, ...scan.dumps].join('\n');
        for (const part of canary) expect(haystack).not.toContain(part);
        expect(scan.keys.every((key) => key.startsWith(`${QUEUE_PREFIX}:`))).toBe(true);
        // Job data is the row id and nothing else; job names are from the catalogue.
        for (const job of scan.jobs) {
          expect(JSON.parse(job.data)).toEqual({ outboxId: expect.stringMatching(UUID) });
          expect(job.key).toBe(
            `${QUEUE_PREFIX}:${QUEUE_NAME}:outbox-${(JSON.parse(job.data) as { outboxId: string }).outboxId}`,
          );
          expect(JOB_NAMES as readonly string[]).toContain(job.name);
        }
      }
      // Not a vacuous scan: the waiting jobs were there to be read.
      expect(waiting.jobs).toHaveLength(21);
      expect(worker.output()).not.toContain(canary[1]);
      const stored = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox_job WHERE payload::text LIKE '%' || $1 || '%'`,
        [canary[1]],
      );
      expect(stored.rows[0].n).toBe(0);
    } finally {
      await inspector.close();
      inspectorConnection.disconnect();
    }
  });

  it('warns in production when Redis may lose jobs, and starts anyway when CONFIG is disabled', async () => {
    // Production needs a readable key file (the worker's audit sealer uses its HMAC key).
    const keysFile = join(mkdtempSync(join(tmpdir(), 'envol-fault-keys-')), 'keys.json');
    writeFileSync(keysFile, JSON.stringify(generateKeyFileJson('fault-kek')), { mode: 0o600 });
    const production = { NODE_ENV: 'production', ENVOL_KEYS_FILE: keysFile };
    const plain = await procs.redis();
    const warned = procs.worker({ ...workerEnv(plain.url), ...production });
    await warned.waitFor(READY);
    expect(warned.output()).toMatch(/AOF is off/);
    expect(warned.output()).not.toMatch(/maxmemory-policy is/);
    warned.child.kill('SIGTERM');
    expect(await warned.exited).toBe(0);

    const locked = await procs.redis(undefined, ['--rename-command', 'CONFIG', '']);
    const tolerant = procs.worker({ ...workerEnv(locked.url), ...production });
    await tolerant.waitFor(READY);
    expect(tolerant.output()).toMatch(/Could not read the Redis configuration/);
    tolerant.child.kill('SIGTERM');
    expect(await tolerant.exited).toBe(0);
    expect(tolerant.output()).toMatch(/"msg":"worker stopped"/);
  });

  it('runs jobs in the API process without Redis, survives a SIGKILL of it, and stops cleanly', async () => {
    await enqueueMany(1_000);
    const env = {
      DATABASE_URL: db.appUrl,
      DATABASE_SYSTEM_URL: db.systemUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      ENVOL_HOME: mkdtempSync(join(tmpdir(), 'envol-fault-')),
    };
    const first = procs.node(API, { ...env, PORT: String(await freePort()) });
    await first.waitFor(/Envol is ready/, 30_000);
    expect(first.output()).toMatch(/No REDIS_URL/);
    await waitUntil(
      'in-process progress',
      () => summary(owner),
      (s) => s.done >= 100,
      30_000,
      10,
    );
    first.child.kill('SIGKILL');
    await first.exited;

    const second = procs.node(API, { ...env, PORT: String(await freePort()) });
    await second.waitFor(/Envol is ready/, 30_000);
    const resumed = Date.now();
    await waitUntil(
      '1,000 jobs done in-process',
      () => summary(owner),
      (s) => s.done === 1_000,
      60_000,
    );
    const seconds = (Date.now() - resumed) / 1000;
    expect(await summary(owner)).toEqual({
      total: 1_000,
      pending: 0,
      queued: 0,
      done: 1_000,
      failed: 0,
      duplicates: 0,
      doneNotOnce: 0,
    });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    process.stdout.write(`embedded mode: the rest of 1,000 jobs done ${seconds.toFixed(1)} s after the restart\n`);
  });
});

interface RedisScan {
  keys: string[];
  values: string[];
  /** Each key's DUMP, read as latin1: the serialised bytes, whatever the type. */
  dumps: string[];
  jobs: { key: string; name: string; data: string }[];
}

/** Every key of the server (SCAN), every value read by type, and every key's DUMP. */
async function scanRedis(url: string): Promise<RedisScan> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  const scan: RedisScan = { keys: [], values: [], dumps: [], jobs: [] };
  try {
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'COUNT', 1000);
      cursor = next;
      scan.keys.push(...batch);
    } while (cursor !== '0');
    for (const key of scan.keys) {
      const type = await client.type(key);
      switch (type) {
        case 'string':
          scan.values.push((await client.get(key)) ?? '');
          break;
        case 'hash': {
          const hash = await client.hgetall(key);
          scan.values.push(...Object.entries(hash).flat());
          if (typeof hash.data === 'string' && typeof hash.name === 'string' && /:outbox-/.test(key)) {
            scan.jobs.push({ key, name: hash.name, data: hash.data });
          }
          break;
        }
        case 'list':
          scan.values.push(...(await client.lrange(key, 0, -1)));
          break;
        case 'set':
          scan.values.push(...(await client.smembers(key)));
          break;
        case 'zset':
          scan.values.push(...(await client.zrange(key, 0, -1, 'WITHSCORES')));
          break;
        case 'stream':
          for (const [entryId, fields] of await client.xrange(key, '-', '+')) scan.values.push(entryId, ...fields);
          break;
        default:
          scan.values.push(`unread type ${type}`);
      }
      const dump = await client.dumpBuffer(key);
      if (dump) scan.dumps.push(dump.toString('latin1'), dump.toString('utf8'));
    }
  } finally {
    client.disconnect();
  }
  return scan;
}
