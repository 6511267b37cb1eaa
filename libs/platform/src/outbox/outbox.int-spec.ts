import { createTestDatabase, type TestDatabase } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../database/data-source';
import { inTransaction, type RequestContext } from '../database/request-context';
import { AppError } from '../errors/app-error';
import type { JobName, JobPayloads } from '../queue/queues';
import { FixedClock } from '../time/clock';
import { InProcessJobRunner } from './in-process-runner';
import type { JobHandlerMap } from './job-handlers';
import { OutboxJob } from './outbox-job.entity';
import { OutboxExecutor } from './outbox-executor';
import { OutboxMonitor } from './outbox-monitor';
import { OutboxRelay, type JobPublisher, type PublishedJob } from './outbox-relay';
import { enqueue, OutboxService } from './outbox.service';
import { OutboxErrorCode, OutboxPayloadError, OutboxState } from './outbox.rules';

const RETRY = { maxAttempts: 3, backoffBaseMs: 1_000, backoffMaxMs: 60_000 };

class RecordingPublisher implements JobPublisher {
  readonly published: PublishedJob[] = [];
  failing = false;

  publish(jobs: readonly PublishedJob[]): Promise<void> {
    if (this.failing)
      return Promise.reject(Object.assign(new Error('Connection is closed.'), { code: 'ECONNREFUSED' }));
    this.published.push(...jobs);
    return Promise.resolve();
  }
}

describe('outbox (real PostgreSQL, runtime and system roles)', () => {
  let db: TestDatabase;
  let app: DataSource;
  let system: DataSource;
  let owner: DataSource;
  const clock = new FixedClock(new Date('2026-11-27T09:00:00.000Z'));
  const associationA = randomUUID();
  const associationB = randomUUID();
  // What the handlers saw, to prove the tenant comes from the row.
  const seen: { tenant: string | null; ctxAssociation: string | null }[] = [];
  const handlers: JobHandlerMap = {
    'system.ping': async (ctx) => {
      const [row] = await ctx.manager.query<{ v: string | null }[]>(
        `SELECT nullif(current_setting('app.association_id', true), '') AS v`,
      );
      seen.push({ tenant: row.v, ctxAssociation: ctx.associationId });
    },
    'system.poison': async (ctx) => {
      // An effect that must roll back with the failure.
      await ctx.manager.query('UPDATE outbox_job SET effects = effects + 100');
      throw Object.assign(new Error('Marie Dupont could not be reached'), { code: 'SMTP_DOWN' });
    },
    // Domain jobs (their libs have their own tests); not run here.
    'reminders.notify': () => Promise.reject(new Error('not run in this test')),
    'reminders.digest': () => Promise.reject(new Error('not run in this test')),
    'people.reminders.resync': () => Promise.reject(new Error('not run in this test')),
    'casework.reminders.resync': () => Promise.reject(new Error('not run in this test')),
    'documents.reminders.resync': () => Promise.reject(new Error('not run in this test')),
  };

  const write = <T>(associationId: string | null, work: (ctx: RequestContext) => Promise<T>): Promise<T> =>
    inTransaction(app, { requestId: randomUUID(), now: clock.now(), associationId }, work);
  const add = <N extends JobName>(associationId: string | null, name: N, payload: JobPayloads[N], runAt?: Date) =>
    write(associationId, (ctx) => enqueue(ctx, name, payload, { runAt }));
  const row = async (id: string) =>
    (await owner.getRepository(OutboxJob).findOneByOrFail({ id })) as OutboxJob & Record<string, unknown>;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createDataSource({ url: db.appUrl, entities: [OutboxJob], poolSize: 12 }).initialize();
    system = await createDataSource({ url: db.systemUrl, entities: [OutboxJob], poolSize: 2 }).initialize();
    owner = await createDataSource({ url: db.ownerUrl, entities: [OutboxJob], poolSize: 2 }).initialize();
  });

  afterAll(async () => {
    await Promise.all([app?.destroy(), system?.destroy(), owner?.destroy()]);
    await db?.drop();
  });

  beforeEach(async () => {
    await owner.query('DELETE FROM outbox_job');
    seen.length = 0;
  });

  describe('enqueue', () => {
    it("writes the row in the caller's transaction and association, due at the context's now", async () => {
      const id = await add(associationA, 'system.ping', {});
      expect(await row(id)).toMatchObject({
        associationId: associationA,
        jobName: 'system.ping',
        payload: {},
        state: OutboxState.Pending,
        runAt: clock.now(),
        attempts: 0,
        effects: 0,
        lastErrorCode: null,
        doneAt: null,
      });
    });

    it('leaves nothing when the business transaction rolls back', async () => {
      await expect(
        write(associationA, async (ctx) => {
          await enqueue(ctx, 'system.ping', {});
          throw new Error('business rule refused');
        }),
      ).rejects.toThrow('business rule refused');
      expect(await owner.query('SELECT count(*)::int AS n FROM outbox_job')).toEqual([{ n: 0 }]);
    });

    it('refuses a payload holding text and an unknown job name, writing nothing', async () => {
      await expect(
        write(associationA, (ctx) =>
          enqueue(ctx, 'system.ping', { personName: 'Marie Dupont' } as unknown as JobPayloads['system.ping']),
        ),
      ).rejects.toThrow(OutboxPayloadError);
      await expect(write(associationA, (ctx) => enqueue(ctx, 'no.such.job' as JobName, {}))).rejects.toMatchObject({
        code: OutboxErrorCode.UnknownJob,
      });
      expect(await owner.query('SELECT count(*)::int AS n FROM outbox_job')).toEqual([{ n: 0 }]);
    });
  });

  describe('grants', () => {
    it('lets envol_system read, update and insert outbox rows (reminder delivery jobs), never delete', async () => {
      const id = await add(null, 'system.ping', {});
      await system.query(`UPDATE outbox_job SET updated_at = updated_at WHERE id = $1`, [id]);
      // The reminder schedule (SCHEDULES.md reminders.arm) enqueues one job per due reminder as envol_system.
      await system.query(`INSERT INTO outbox_job (job_name, payload, run_at) VALUES ('system.ping', '{}', now())`);
      await expect(system.query('DELETE FROM outbox_job')).rejects.toMatchObject({ driverError: { code: '42501' } });
      // Of the reminders it may only mark the arming time: nothing else.
      await expect(system.query(`UPDATE reminder SET status = 'done'`)).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
      await system.query(`UPDATE reminder SET queued_at = NULL WHERE false`);
    });
  });

  describe('relay and sweep (as envol_system)', () => {
    it('publishes due pending rows of every association once, marks them queued, leaves future rows', async () => {
      const due = [await add(associationA, 'system.ping', {}), await add(associationB, 'system.ping', {})];
      const later = await add(associationA, 'system.ping', {}, new Date(clock.now().getTime() + 60_000));
      const publisher = new RecordingPublisher();
      const relay = new OutboxRelay(system, publisher, { batchSize: 1 }, clock);
      expect(await relay.relay()).toBe(2);
      expect(publisher.published.map((p) => p.outboxId).sort()).toEqual([...due].sort());
      expect(publisher.published.every((p) => p.jobName === 'system.ping')).toBe(true);
      for (const id of due) expect((await row(id)).state).toBe(OutboxState.Queued);
      expect((await row(later)).state).toBe(OutboxState.Pending);
      // Already queued: a no-op.
      expect(await relay.relay()).toBe(0);
      expect(publisher.published).toHaveLength(2);
    });

    it('leaves rows pending when publishing fails (Redis down), and publishes them once it works', async () => {
      const id = await add(associationA, 'system.ping', {});
      const publisher = new RecordingPublisher();
      publisher.failing = true;
      const relay = new OutboxRelay(system, publisher, {}, clock);
      await expect(relay.relay()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect((await row(id)).state).toBe(OutboxState.Pending);
      publisher.failing = false;
      expect(await relay.relay()).toBe(1);
      expect((await row(id)).state).toBe(OutboxState.Queued);
    });

    it('never publishes a row twice when relays run at the same time', async () => {
      for (let i = 0; i < 300; i++) await add(associationA, 'system.ping', {});
      const publisher = new RecordingPublisher();
      const relays = Array.from({ length: 4 }, () => new OutboxRelay(system, publisher, { batchSize: 25 }, clock));
      const counts = await Promise.all(relays.map((r) => r.relay()));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
      expect(new Set(publisher.published.map((p) => p.outboxId)).size).toBe(300);
      expect(publisher.published).toHaveLength(300);
    });

    it('sweeps queued rows older than the threshold again, not fresh ones, not done ones', async () => {
      const stale = await add(associationA, 'system.ping', {});
      const fresh = await add(associationA, 'system.ping', {});
      const done = await add(associationA, 'system.ping', {});
      const publisher = new RecordingPublisher();
      const relay = new OutboxRelay(system, publisher, {}, clock);
      await relay.relay();
      await owner.query(`UPDATE outbox_job SET updated_at = $2 WHERE id = ANY($1::uuid[])`, [
        [stale, done],
        new Date(clock.now().getTime() - 120_000),
      ]);
      await owner.query(`UPDATE outbox_job SET state = 'done' WHERE id = $1`, [done]);
      publisher.published.length = 0;
      expect(await relay.sweep(60_000)).toBe(1);
      expect(publisher.published.map((p) => p.outboxId)).toEqual([stale]);
      // Its age restarts: the next sweep leaves it alone.
      expect(await relay.sweep(60_000)).toBe(0);
      expect((await row(fresh)).state).toBe(OutboxState.Queued);
    });
  });

  describe('executor', () => {
    const executor = () => new OutboxExecutor(app, handlers, RETRY, clock);

    it('runs the handler with the tenant of the row, marks the row done with one effect', async () => {
      const id = await add(associationB, 'system.ping', {});
      expect(await executor().execute(id)).toBe('done');
      expect(seen).toEqual([{ tenant: associationB, ctxAssociation: associationB }]);
      expect(await row(id)).toMatchObject({ state: OutboxState.Done, effects: 1, doneAt: clock.now() });
    });

    it('has one effect when the same row is delivered 10 times at once', async () => {
      const id = await add(associationA, 'system.ping', {});
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => executor().execute(id)));
      expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(9);
      expect((await row(id)).effects).toBe(1);
      expect(seen).toHaveLength(1);
    });

    it('skips malformed and unknown ids, and rows not yet due (handing a queued one back to the relay)', async () => {
      expect(await executor().execute('Marie Dupont')).toBe('skipped');
      expect(await executor().execute(undefined)).toBe('skipped');
      expect(await executor().execute(randomUUID())).toBe('skipped');
      const later = await add(associationA, 'system.ping', {}, new Date(clock.now().getTime() + 60_000));
      await owner.query(`UPDATE outbox_job SET state = 'queued' WHERE id = $1`, [later]);
      expect(await executor().execute(later)).toBe('skipped');
      expect(await row(later)).toMatchObject({ state: OutboxState.Pending, effects: 0 });
    });

    it('rolls the effect back on failure, records a code with backoff, then parks the row as failed', async () => {
      const id = await add(associationA, 'system.poison', {});
      expect(await executor().execute(id)).toBe('retrying');
      expect(await row(id)).toMatchObject({
        state: OutboxState.Pending,
        attempts: 1,
        lastErrorCode: 'SMTP_DOWN',
        effects: 0,
        runAt: new Date(clock.now().getTime() + 1_000),
      });
      // Not due yet: a duplicate delivery during the backoff runs nothing.
      expect(await executor().execute(id)).toBe('skipped');
      clock.advance(1_000);
      expect(await executor().execute(id)).toBe('retrying');
      expect(await row(id)).toMatchObject({ attempts: 2, runAt: new Date(clock.now().getTime() + 2_000) });
      clock.advance(2_000);
      expect(await executor().execute(id)).toBe('failed');
      const parked = await row(id);
      expect(parked).toMatchObject({ state: OutboxState.Failed, attempts: 3, lastErrorCode: 'SMTP_DOWN', effects: 0 });
      expect(JSON.stringify(parked)).not.toContain('Marie');
      expect(await executor().execute(id)).toBe('skipped');
    });

    it('records a missing handler as a code', async () => {
      const id = await add(associationA, 'system.ping', {});
      const partial = { ...handlers } as Partial<JobHandlerMap>;
      delete partial['system.ping'];
      const outcome = await new OutboxExecutor(app, partial as JobHandlerMap, RETRY, clock).execute(id);
      expect(outcome).toBe('retrying');
      expect((await row(id)).lastErrorCode).toBe(OutboxErrorCode.NoHandler);
    });
  });

  describe('failed jobs: list and retry', () => {
    const service = new OutboxService();
    const park = async (associationId: string | null) => {
      const id = await add(associationId, 'system.poison', {});
      await owner.query(
        `UPDATE outbox_job SET state = 'failed', attempts = 3, last_error_code = 'JOB_POISON' WHERE id = $1`,
        [id],
      );
      return id;
    };

    it("lists the failed jobs of the context's association only", async () => {
      const mine = await park(associationA);
      const theirs = await park(associationB);
      const system = await park(null);
      await add(associationA, 'system.ping', {});
      const listed = await write(associationA, (ctx) => service.listFailed(ctx));
      expect(listed).toEqual([
        {
          id: mine,
          jobName: 'system.poison',
          attempts: 3,
          lastErrorCode: 'JOB_POISON',
          createdAt: expect.any(Date) as Date,
          failedAt: expect.any(Date) as Date,
        },
      ]);
      expect((await write(associationB, (ctx) => service.listFailed(ctx))).map((j) => j.id)).toEqual([theirs]);
      expect((await write(null, (ctx) => service.listFailed(ctx))).map((j) => j.id)).toEqual([system]);
    });

    it('retry resets the row; a done row, another association or a malformed id answer 404', async () => {
      const id = await park(associationA);
      clock.advance(5_000);
      await write(associationA, (ctx) => service.retry(ctx, id));
      expect(await row(id)).toMatchObject({
        state: OutboxState.Pending,
        attempts: 0,
        lastErrorCode: null,
        runAt: clock.now(),
      });
      const other = await park(associationA);
      await expect(write(associationB, (ctx) => service.retry(ctx, other))).rejects.toMatchObject({ status: 404 });
      const done = await add(associationA, 'system.ping', {});
      await new OutboxExecutor(app, handlers, RETRY, clock).execute(done);
      await expect(write(associationA, (ctx) => service.retry(ctx, done))).rejects.toBeInstanceOf(AppError);
      await expect(write(associationA, (ctx) => service.retry(ctx, 'not-an-id'))).rejects.toMatchObject({
        status: 404,
      });
      expect((await row(other)).state).toBe(OutboxState.Failed);
      expect((await row(done)).effects).toBe(1);
    });
  });

  describe('monitor', () => {
    it('counts depth, failed rows and the age of the oldest due row', async () => {
      const monitor = new OutboxMonitor(app, clock);
      expect(await monitor.stats()).toEqual({ depth: 0, oldestPendingSeconds: 0, failed: 0 });
      await add(associationA, 'system.ping', {}, new Date(clock.now().getTime() - 90_000));
      await add(associationB, 'system.ping', {});
      await add(associationB, 'system.ping', {}, new Date(clock.now().getTime() + 3_600_000));
      const failed = await add(associationA, 'system.poison', {});
      await owner.query(`UPDATE outbox_job SET state = 'failed' WHERE id = $1`, [failed]);
      expect(await monitor.stats()).toEqual({ depth: 3, oldestPendingSeconds: 90, failed: 1 });
    });
  });

  describe('in-process runner (no Redis)', () => {
    it('runs 1,000 due jobs once each, several runners competing', async () => {
      const rows = Array.from({ length: 1_000 }, () => ({
        associationId: associationA,
        jobName: 'system.ping',
        payload: {},
        runAt: clock.now(),
      }));
      await owner.getRepository(OutboxJob).insert(rows);
      const runners = Array.from(
        { length: 2 },
        () =>
          new InProcessJobRunner({
            claimDataSource: system,
            executor: new OutboxExecutor(app, handlers, RETRY, clock),
            intervalMs: 50,
            staleMs: 60_000,
            concurrency: 5,
            clock,
          }),
      );
      const started = Date.now();
      const counts = await Promise.all(runners.map((r) => r.runDue()));
      const seconds = (Date.now() - started) / 1000;
      expect(counts[0] + counts[1]).toBe(1_000);
      const [summary] = await owner.query<{ done: number; max: number; min: number }[]>(
        `SELECT count(*) FILTER (WHERE state = 'done')::int AS done, max(effects) AS max, min(effects) AS min FROM outbox_job`,
      );
      expect(summary).toEqual({ done: 1_000, max: 1, min: 1 });
      process.stdout.write(`in-process runner: 1,000 jobs in ${seconds.toFixed(2)} s\n`);
    });

    it('takes a claim back once stale (its process died), and stops cleanly', async () => {
      const id = await add(associationA, 'system.ping', {});
      await owner.query(`UPDATE outbox_job SET state = 'queued', updated_at = $2 WHERE id = $1`, [
        id,
        new Date(clock.now().getTime() - 5_000),
      ]);
      const runner = new InProcessJobRunner({
        claimDataSource: system,
        executor: new OutboxExecutor(app, handlers, RETRY, clock),
        intervalMs: 20,
        staleMs: 1_000,
        concurrency: 2,
        clock,
      });
      runner.start();
      const deadline = Date.now() + 5_000;
      while ((await row(id)).state !== OutboxState.Done && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await runner.stop();
      expect(await row(id)).toMatchObject({ state: OutboxState.Done, effects: 1 });
    });
  });
});
