import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inTransaction, OutboxExecutor, outboxSettings, type Actor } from '@app/platform';
import { RemindersService, type ReminderInput } from '@app/reminders';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { JOB_HANDLERS } from '../../apps/api/src/jobs/handlers';
import { RemindersArmLoop } from '../../apps/api/src/jobs/reminders-arm.loop';
import { personInput } from '../support/persons';
import { sql } from '../support/sql';
import { createTestApp, type TestApp } from '../support/test-app';
import { seedWorld, type World } from '../support/world';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port of this machine, keeping every message it receives. */
async function startSmtp(): Promise<{ url: string; mails: Received[]; close: () => Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of a message as a reader sees it (quoted-printable soft breaks and escapes undone). */
function readable(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '');
  const bytes = unfolded.replace(/(?:=[0-9A-F]{2})+/g, (run) =>
    Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'),
  );
  return bytes.replace(/\r\n/g, '\n');
}

// 10:00 in Paris on 27 November 2026; the digest hour is 7 (the default).
const MORNING = new Date('2026-11-27T05:00:00Z'); // 06:00 in Paris
const TEN = new Date('2026-11-27T09:00:00Z');

const reminder = (key: string, dueOn: string, userId: string, personId: string, siteId: string): ReminderInput => ({
  key,
  kind: 'period_end_90',
  dueOn,
  personId,
  assignee: { kind: 'referent', userId, siteId },
});

/** Shared by both apps: raise reminders for two workers, as a domain lib would. */
async function raise(t: TestApp, w: World): Promise<void> {
  const store = t.app.get(RemindersService);
  const as = (userId: string, teamId: string): Actor => ({
    userId,
    associationId: w.associationA,
    roles: ['social_worker'],
    teamId,
    siteIds: [],
  });
  const tx = (actor: Actor, work: Parameters<typeof inTransaction>[2]) =>
    inTransaction(
      t.app.get(DataSource),
      { requestId: 'test', now: t.clock.now(), associationId: w.associationA, actor },
      work,
    );
  await tx(as(w.users.workerA1, w.teamA1), (ctx) =>
    store.upsertForSource(ctx, { kind: 'test', id: w.personA1 }, [
      reminder('a', '2026-11-20', w.users.workerA1, w.personA1, w.siteA1),
      reminder('b', '2026-11-25', w.users.workerA1, w.personA1, w.siteA1),
      reminder('c', '2026-11-27', w.users.workerA1, w.personA1, w.siteA1),
      reminder('d', '2026-12-15', w.users.workerA1, w.personA1, w.siteA1),
    ]),
  );
  await tx(as(w.users.workerA2, w.teamA2), (ctx) =>
    store.upsertForSource(ctx, { kind: 'test', id: w.personA2 }, [
      reminder('e', '2026-11-27', w.users.workerA2, w.personA2, w.siteA1),
    ]),
  );
}

describe('daily reminder digest by email', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let w: World;
  let executor: OutboxExecutor;
  let arm: RemindersArmLoop;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      now: MORNING,
      env: { REMINDER_ARM_INTERVAL_MS: '0', SMTP_URL: smtp.url, PUBLIC_URL: 'https://envol.example.org' },
    });
    w = await seedWorld(t);
    executor = new OutboxExecutor(t.app.get(DataSource), JOB_HANDLERS, outboxSettings(t.config).retry, t.clock);
    arm = t.app.get(RemindersArmLoop);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** Arms, then runs every pending job of these names, as the worker would; returns the job ids. */
  const pass = async (jobName: string) => {
    await arm.armOnce();
    const jobs = await sql<{ id: string }>(
      t.db.superuserUrl,
      `SELECT id FROM outbox_job WHERE job_name = $1 AND state = 'pending' ORDER BY created_at`,
      [jobName],
    );
    for (const job of jobs) expect(await executor.execute(job.id)).toBe('done');
    return jobs.map((j) => j.id);
  };

  it('sends nothing before the digest hour, then one mail per user with the counts and a link, once a day', async () => {
    await raise(t, w);
    // 06:00 in Paris: the reminders are delivered in the app, no digest yet.
    expect((await pass('reminders.notify')).length).toBe(4);
    expect(await pass('reminders.digest')).toEqual([]);
    expect(smtp.mails).toEqual([]);

    // Between arming and running, worker A2 marks their only reminder done: nothing to send them.
    t.clock.set(TEN);
    await arm.armOnce();
    await sql(t.db.superuserUrl, `UPDATE reminder SET status = 'done' WHERE source_kind = 'test' AND key = 'e'`);
    const jobs = await pass('reminders.digest');
    expect(jobs.length).toBe(2);
    const payloads = await sql<{ payload: Record<string, unknown> }>(
      t.db.superuserUrl,
      `SELECT payload FROM outbox_job WHERE id = ANY($1) ORDER BY payload->>'userId'`,
      [jobs],
    );
    expect(payloads.map((p) => p.payload).sort((a, b) => String(a.userId).localeCompare(String(b.userId)))).toEqual(
      [w.users.workerA1, w.users.workerA2].sort().map((userId) => ({ userId, day: 20261127 })),
    );

    expect(smtp.mails.map((m) => m.to)).toEqual([['worker.a1@world.test']]);
    const text = readable(smtp.mails[0].raw);
    expect(text).toContain('Subject: Envol : vos rappels du jour / your reminders for today');
    expect(text).toContain('Vos rappels Envol au 2026-11-27 : 2 en retard, 1 pour aujourd’hui.');
    expect(text).toContain('Your Envol reminders on 2026-11-27: 2 overdue, 1 due today.');
    expect(text).toContain('https://envol.example.org/reminders');
    // No name, no file, no id of anyone accompanied.
    const name = personInput().identity.legalName;
    expect(text).not.toContain(name);
    for (const id of [w.personA1, w.personA2]) expect(text).not.toContain(id);

    const digests = await sql<{ user_id: string; sent: boolean }>(
      t.db.superuserUrl,
      `SELECT user_id, sent_at IS NOT NULL AS sent FROM reminder_digest ORDER BY sent_at NULLS LAST`,
    );
    expect(digests).toEqual([
      { user_id: w.users.workerA1, sent: true },
      { user_id: w.users.workerA2, sent: false },
    ]);

    // The same job again (a redelivery) and a second pass the same day send nothing more.
    for (const id of jobs) expect(await executor.execute(id)).not.toBe('failed');
    expect(await pass('reminders.digest')).toEqual([]);
    expect(smtp.mails.length).toBe(1);
  });

  it('sends the next day’s digest the next day', async () => {
    t.clock.set(new Date('2026-11-28T09:00:00Z'));
    expect((await pass('reminders.digest')).length).toBe(1);
    expect(smtp.mails.length).toBe(2);
    expect(smtp.mails[1].to).toEqual(['worker.a1@world.test']);
    expect(readable(smtp.mails[1].raw)).toContain('3 en retard, 0 pour aujourd’hui.');
  });
});

describe('daily reminder digest without SMTP', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ now: TEN, env: { REMINDER_ARM_INTERVAL_MS: '0' } });
    w = await seedWorld(t);
  });

  afterAll(() => t?.close());

  it('enqueues no digest', async () => {
    await raise(t, w);
    const arm = t.app.get(RemindersArmLoop);
    const executor = new OutboxExecutor(t.app.get(DataSource), JOB_HANDLERS, outboxSettings(t.config).retry, t.clock);
    expect(await arm.armOnce()).toBe(4);
    const jobs = await sql<{ id: string }>(
      t.db.superuserUrl,
      `SELECT id FROM outbox_job WHERE job_name = 'reminders.notify' AND state = 'pending'`,
    );
    for (const job of jobs) expect(await executor.execute(job.id)).toBe('done');
    await arm.armOnce();
    const digests = await sql<{ n: number }>(
      t.db.superuserUrl,
      `SELECT (SELECT count(*) FROM outbox_job WHERE job_name = 'reminders.digest')::int
            + (SELECT count(*) FROM reminder_digest)::int AS n`,
    );
    expect(digests[0].n).toBe(0);
  });
});
