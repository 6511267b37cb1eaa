import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PathwaysService } from '@app/pathways';
import { PeopleService } from '@app/people';
import { inTransaction, OutboxExecutor, outboxSettings, type Actor, type RequestContext } from '@app/platform';
import type { AssociationSettingsView } from '@app/contracts';
import { DocumentsService } from '@app/documents';
import { RemindersService, type ReminderInput } from '@app/reminders';
import { DataSource } from 'typeorm';
import { ownerDataSource } from '../../apps/api/src/database';
import { JOB_HANDLERS } from '../../apps/api/src/jobs/handlers';
import { RemindersArmLoop } from '../../apps/api/src/jobs/reminders-arm.loop';
import { Provisioning } from '../../apps/api/src/provisioning';
import type { ReminderItem } from '../../apps/api/src/reminders/reminders.controller';
import { pdfWith } from '../support/multipart';
import { createPerson } from '../support/persons';
import { sql } from '../support/sql';
import { createTestApp, type TestApp } from '../support/test-app';
import { seedWorld, type World } from '../support/world';

const DAY = 86_400_000;

/** Reminders end to end: raised by the people lib, moved in the same transaction, delivered once. */
describe('reminders', () => {
  let t: TestApp;
  let w: World;
  let executor: OutboxExecutor;
  let arm: RemindersArmLoop;

  beforeAll(async () => {
    // 10:00 in Paris on 27 November 2026.
    t = await createTestApp({ now: new Date('2026-11-27T09:00:00Z'), env: { REMINDER_ARM_INTERVAL_MS: '0' } });
    w = await seedWorld(t);
    const settings = outboxSettings(t.config);
    executor = new OutboxExecutor(t.app.get(DataSource), JOB_HANDLERS, settings.retry, t.clock);
    arm = t.app.get(RemindersArmLoop);
  });

  afterAll(() => t?.close());

  const workerA1: () => Actor = () => ({
    userId: w.users.workerA1,
    associationId: w.associationA,
    roles: ['social_worker'],
    teamId: w.teamA1,
    siteIds: [],
  });
  const tx = <T>(work: (ctx: RequestContext) => Promise<T>, actor: Actor = workerA1()) =>
    inTransaction(
      t.app.get(DataSource),
      { requestId: 'test', now: t.clock.now(), associationId: w.associationA, actor },
      work,
    );
  const get = async <T>(principal: keyof World['sessions'], url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: w.sessions[principal]!.headers });
    expect(res.statusCode).toBe(200);
    return res.json<T>();
  };
  const rows = (personId: string) =>
    sql<{
      kind: string;
      status: string;
      due_on: string;
      assignee_user_id: string | null;
      assignee_role: string | null;
    }>(
      t.db.superuserUrl,
      `SELECT kind, status, due_on::text, assignee_user_id, assignee_role FROM reminder WHERE person_id = $1 ORDER BY kind, created_at`,
      [personId],
    );
  /** Arms what is due and runs every pending job, as the worker would. */
  const deliver = async () => {
    const armed = await arm.armOnce();
    const jobs = await sql<{ id: string }>(
      t.db.superuserUrl,
      `SELECT id FROM outbox_job WHERE job_name = 'reminders.notify' AND state = 'pending' ORDER BY created_at`,
    );
    for (const job of jobs) expect(await executor.execute(job.id)).toBe('done');
    return { armed, jobs: jobs.map((j) => j.id) };
  };

  it('opens a file with its no-contact check (to the referent, with the contact constraint) and its retention review', async () => {
    // personInput's safe contact: SMS after 14 h, never call.
    const person = await createPerson(t, workerA1());
    expect(await rows(person.id)).toEqual([
      {
        kind: 'no_contact',
        status: 'pending',
        due_on: '2026-12-27',
        assignee_user_id: w.users.workerA1,
        assignee_role: null,
      },
      {
        kind: 'retention_review',
        status: 'pending',
        due_on: '2028-11-27',
        assignee_user_id: null,
        assignee_role: 'coordinator',
      },
    ]);
    const mine = await get<{ items: ReminderItem[] }>('workerA1', '/api/reminders');
    const check = mine.items.find((r) => r.personId === person.id)!;
    expect(check).toMatchObject({
      kind: 'no_contact',
      bucket: 'later',
      contact: { neverCall: true, hours: 'après 14 h' },
    });
    expect(check.person?.fileNumber).toBe(person.fileNumber);
    // The team's other worker does not hold it; the site's coordinator holds the review.
    const other = await get<{ items: ReminderItem[] }>('workerA2', '/api/reminders');
    expect(other.items.some((r) => r.personId === person.id)).toBe(false);
    const coordinator = await get<{ items: ReminderItem[] }>('coordinatorA', '/api/reminders');
    expect(coordinator.items.filter((r) => r.personId === person.id).map((r) => r.kind)).toEqual(['retention_review']);
    // Contact constraint encrypted at rest: the hours never appear in the table.
    const raw = await sql<{ row: string }>(t.db.superuserUrl, `SELECT row_to_json(r)::text AS row FROM reminder r`);
    expect(raw.some((r) => r.row.includes('14 h'))).toBe(false);
  });

  it('moves both reminders with a contact, in the same transaction, and not when the transaction rolls back', async () => {
    const person = await createPerson(t, workerA1());
    const people = t.app.get(PeopleService);
    await expect(
      tx(async (ctx) => {
        await people.recordContact(ctx, person.id, new Date('2027-01-10T10:00:00Z'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await rows(person.id)).map((r) => r.due_on)).toEqual(['2026-12-27', '2028-11-27']);
    await tx((ctx) => people.recordContact(ctx, person.id, new Date('2027-01-10T10:00:00Z')));
    expect((await rows(person.id)).map((r) => [r.due_on, r.status])).toEqual([
      ['2027-02-09', 'pending'],
      ['2029-01-10', 'pending'],
    ]);
    // An older contact moves nothing.
    await tx((ctx) => people.recordContact(ctx, person.id, new Date('2026-12-01T10:00:00Z')));
    expect((await rows(person.id)).map((r) => r.due_on)).toEqual(['2027-02-09', '2029-01-10']);
  });

  it('hands a file’s open reminders to the new referent', async () => {
    const person = await createPerson(t, workerA1());
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${person.id}/referent`,
      headers: { ...w.sessions.coordinatorA!.headers, 'content-type': 'application/json' },
      payload: { referentId: w.users.workerA2 },
    });
    expect(res.statusCode).toBe(200);
    const check = (await rows(person.id)).find((r) => r.kind === 'no_contact')!;
    expect(check.assignee_user_id).toBe(w.users.workerA2);
  });

  it('delivers each due reminder once, even when arming and the job run twice', async () => {
    const person = await createPerson(t, workerA1());
    await sql(
      t.db.superuserUrl,
      `UPDATE reminder SET due_on = '2026-11-20' WHERE person_id = $1 AND kind = 'no_contact'`,
      [person.id],
    );
    const first = await deliver();
    expect(first.armed).toBeGreaterThanOrEqual(1);
    const second = await deliver();
    expect(second.armed).toBe(0);
    // The same job again (a redelivery after a crash): the row is done, nothing more happens.
    for (const id of first.jobs) expect(await executor.execute(id)).not.toBe('failed');
    const notified = await sql<{ n: number }>(
      t.db.superuserUrl,
      `SELECT count(*)::int AS n FROM notification n JOIN reminder r ON r.id = n.reminder_id WHERE r.person_id = $1`,
      [person.id],
    );
    expect(notified[0].n).toBe(1);
    expect((await rows(person.id)).find((r) => r.kind === 'no_contact')!.status).toBe('notified');
    // The bell counts it; the notifications page lists it; reading it clears the count.
    const bell = await get<{ unread: number }>('workerA1', '/api/notifications/unread-count');
    expect(bell.unread).toBeGreaterThanOrEqual(1);
    const page = await get<{ items: { id: string; personId: string }[] }>('workerA1', '/api/notifications');
    const mine = page.items.find((n) => n.personId === person.id)!;
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${mine.id}/read`,
      headers: w.sessions.workerA1!.headers,
    });
    expect(read.statusCode).toBe(204);
    expect((await get<{ unread: number }>('workerA1', '/api/notifications/unread-count')).unread).toBe(bell.unread - 1);
    // The job's payload is the reminder's id, nothing else.
    const payloads = await sql<{ payload: Record<string, unknown> }>(
      t.db.superuserUrl,
      `SELECT payload FROM outbox_job WHERE id = ANY($1)`,
      [first.jobs],
    );
    for (const { payload } of payloads) expect(Object.keys(payload)).toEqual(['reminderId']);
  });

  it('snoozes to a later day, delivers again that day, and marks done; stale versions and past days are refused', async () => {
    const person = await createPerson(t, workerA1());
    await sql(
      t.db.superuserUrl,
      `UPDATE reminder SET due_on = '2026-11-25' WHERE person_id = $1 AND kind = 'no_contact'`,
      [person.id],
    );
    const headers = { ...w.sessions.workerA1!.headers, 'content-type': 'application/json' };
    const item = (await get<{ items: ReminderItem[] }>('workerA1', '/api/reminders')).items.find(
      (r) => r.personId === person.id && r.kind === 'no_contact',
    )!;
    expect(item.bucket).toBe('overdue');
    const past = await t.app.inject({
      method: 'POST',
      url: `/api/reminders/${item.id}/snooze`,
      headers,
      payload: { version: item.version, until: '2026-11-27' },
    });
    expect(past.statusCode).toBe(400);
    const snoozed = await t.app.inject({
      method: 'POST',
      url: `/api/reminders/${item.id}/snooze`,
      headers,
      payload: { version: item.version, until: '2026-11-30' },
    });
    expect(snoozed.statusCode).toBe(200);
    expect(snoozed.json<ReminderItem>()).toMatchObject({ status: 'snoozed', bucket: 'week' });
    expect((await deliver()).jobs).toHaveLength(0);
    // Three days later the snooze ends: delivered again (the clock moves for the delivery only,
    // or the sessions would expire).
    t.clock.advance(3 * DAY);
    let again: Awaited<ReturnType<typeof deliver>>;
    try {
      again = await deliver();
    } finally {
      t.clock.advance(-3 * DAY);
    }
    expect(again.armed).toBe(1);
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/reminders/${item.id}/done`,
      headers,
      payload: { version: item.version },
    });
    expect(stale.statusCode).toBe(409);
    const current = (await get<{ items: ReminderItem[] }>('workerA1', '/api/reminders')).items.find(
      (r) => r.id === item.id,
    )!;
    expect(current.status).toBe('notified');
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/reminders/${item.id}/done`,
      headers,
      payload: { version: current.version },
    });
    expect(done.statusCode).toBe(200);
    const after = await get<{ items: ReminderItem[] }>('workerA1', '/api/reminders');
    expect(after.items.some((r) => r.id === item.id)).toBe(false);
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/reminders/${item.id}/done`,
      headers,
      payload: { version: current.version + 1 },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('moves a source’s reminders: notified and moved → cancelled and raised again; done stays done; dropped → cancelled', async () => {
    const store = t.app.get(RemindersService);
    const source = { kind: 'test', id: w.personA1 };
    const reminder = (key: string, dueOn: string): ReminderInput => ({
      key,
      kind: 'period_end_90',
      dueOn,
      personId: w.personA1,
      assignee: { kind: 'referent', userId: w.users.workerA1, siteId: w.siteA1 },
    });
    await tx((ctx) =>
      store.upsertForSource(ctx, source, [
        reminder('a', '2026-11-01'),
        reminder('b', '2026-11-02'),
        reminder('c', '2027-01-01'),
      ]),
    );
    await deliver(); // a and b are due: notified
    await sql(t.db.superuserUrl, `UPDATE reminder SET status = 'done' WHERE source_kind = 'test' AND key = 'b'`);
    await tx((ctx) => store.upsertForSource(ctx, source, [reminder('a', '2026-12-15'), reminder('b', '2026-12-15')]));
    const all = await sql<{ key: string; status: string; due_on: string }>(
      t.db.superuserUrl,
      `SELECT key, status, due_on::text FROM reminder WHERE source_kind = 'test' ORDER BY key, created_at`,
    );
    expect(all).toEqual([
      { key: 'a', status: 'cancelled', due_on: '2026-11-01' },
      { key: 'a', status: 'pending', due_on: '2026-12-15' },
      { key: 'b', status: 'done', due_on: '2026-11-02' },
      { key: 'c', status: 'cancelled', due_on: '2027-01-01' },
    ]);
  });

  it('shows a coordinator the overdue reminders of their sites across teams, and nothing of another association', async () => {
    const person = await createPerson(t, workerA1());
    await sql(
      t.db.superuserUrl,
      `UPDATE reminder SET due_on = '2026-10-01' WHERE person_id = $1 AND kind = 'no_contact'`,
      [person.id],
    );
    const overdue = await get<{ items: ReminderItem[] }>('coordinatorA', '/api/reminders/overdue');
    const item = overdue.items.find((r) => r.personId === person.id)!;
    expect(item).toMatchObject({ kind: 'no_contact', bucket: 'overdue', assigneeUserId: w.users.workerA1 });
    expect(item.person?.fileNumber).toBe(person.fileNumber);
    const other = await get<{ items: ReminderItem[] }>('coordinatorB', '/api/reminders/overdue');
    expect(other.items.some((r) => r.personId === person.id)).toBe(false);
    // The file's own list, for those who may see the file.
    const own = await get<{ items: { kind: string }[] }>('workerA1', `/api/persons/${person.id}/reminders`);
    expect(own.items.map((r) => r.kind).sort()).toEqual(['no_contact', 'retention_review']);
  });

  it('raises the approval renewal 6 months before it expires, to the new association’s admins', async () => {
    const owner = await ownerDataSource(t.db.ownerUrl).initialize();
    try {
      const { id } = await new Provisioning(owner, t.keys).createAssociation({
        name: 'Association Renouvellement',
        departements: ['13'],
        approvalExpiresOn: '2027-08-31',
      });
      expect(
        await sql(
          t.db.superuserUrl,
          `SELECT kind, due_on::text, deadline_on::text, assignee_role FROM reminder WHERE association_id = $1`,
          [id],
        ),
      ).toEqual([
        { kind: 'approval_renewal', due_on: '2027-02-28', deadline_on: '2027-08-31', assignee_role: 'admin' },
      ]);
    } finally {
      await owner.destroy();
    }
  });

  it('moves a PSP’s reminders with its decisions in the same transaction, and cancels them when it ends', async () => {
    const person = await createPerson(t, workerA1());
    const headers = { ...w.sessions.workerA1!.headers, 'content-type': 'application/json' };
    const post = async (url: string, payload: unknown) => {
      const res = await t.app.inject({ method: 'POST', url, headers, payload: payload as object });
      expect({ url, status: res.statusCode, body: res.statusCode >= 300 ? res.body : '' }).toEqual({
        url,
        status: 201,
        body: '',
      });
      return res.json<{ id: string }>();
    };
    const open = async () =>
      (
        await sql<{ kind: string; due_on: string; assignee_user_id: string }>(
          t.db.superuserUrl,
          `SELECT kind, due_on::text, assignee_user_id FROM reminder
            WHERE person_id = $1 AND source_kind = 'pathways' AND status IN ('pending', 'notified', 'snoozed')
            ORDER BY due_on, kind`,
          [person.id],
        )
      ).map((r) => `${r.kind} ${r.due_on}`);
    const { id } = await post(`/api/persons/${person.id}/pathways`, { kind: 'psp', openedOn: '2026-06-01' });
    await post(`/api/pathways/${id}/events`, { kind: 'submit', on: '2026-06-02' });
    await post(`/api/pathways/${id}/events`, { kind: 'opinion', on: '2026-06-10', opinion: 'favourable' });
    await post(`/api/pathways/${id}/events`, { kind: 'authorise', on: '2026-06-15', startsOn: '2026-06-15' });
    // Period 1: 15 June → 14 December 2026; renewal review 90 and 60 days before; AFIS on the decision.
    expect(await open()).toEqual([
      'afis_request 2026-06-15',
      'renewal_review 2026-09-15',
      'renewal_review 2026-10-15',
      'period_end 2026-12-14',
    ]);
    // A step that fails with its transaction moves nothing.
    const pathways = t.app.get(PathwaysService);
    await expect(
      tx(async (ctx) => {
        await pathways.record(ctx, id, { kind: 'submit_renewal', on: '2026-10-20' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await open()).toHaveLength(4);
    // The renewal is filed: its reviews are done with; the decision opens period 2 and its own reminders.
    await post(`/api/pathways/${id}/events`, { kind: 'submit_renewal', on: '2026-10-20' });
    expect(await open()).toEqual(['afis_request 2026-06-15']);
    await post(`/api/pathways/${id}/events`, { kind: 'opinion', on: '2026-11-01', opinion: 'favourable' });
    await post(`/api/pathways/${id}/events`, { kind: 'authorise', on: '2026-11-10' });
    expect(await open()).toEqual([
      'afis_request 2026-11-10',
      'renewal_review 2027-03-16',
      'renewal_review 2027-04-15',
      'period_end 2027-06-14',
    ]);
    // They show in the referent's reminders and in the deadlines view, which reads the same store.
    const mine = await get<{ items: ReminderItem[] }>('workerA1', '/api/reminders');
    expect(mine.items.filter((r) => r.personId === person.id).map((r) => r.kind)).toContain('renewal_review');
    // A pathway lead time changed: the open reminders move in the settings' own transaction.
    const admin = { ...w.sessions.adminA!.headers, 'content-type': 'application/json' };
    const view = await get<{ version: number }>('adminA', '/api/pathway-settings');
    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/api/pathway-settings',
      headers: admin,
      payload: { renewalLeadDays: [45], version: view.version },
    });
    expect(changed.statusCode).toBe(200);
    expect(await open()).toEqual(['afis_request 2026-11-10', 'renewal_review 2027-04-30', 'period_end 2027-06-14']);
    const restored = await t.app.inject({
      method: 'PATCH',
      url: '/api/pathway-settings',
      headers: admin,
      payload: { renewalLeadDays: [90, 60], version: changed.json<{ version: number }>().version },
    });
    expect(restored.statusCode).toBe(200);
    expect(await open()).toHaveLength(4);
    // Ended: every open reminder of the pathway is cancelled.
    await post(`/api/pathways/${id}/events`, { kind: 'end', on: '2026-11-20', endReason: 'withdrawn_by_person' });
    expect(await open()).toEqual([]);
  });

  it('reminds the referent the day before a planned appointment, moves with it and drops it when cancelled', async () => {
    const person = await createPerson(t, workerA1());
    const headers = { ...w.sessions.workerA1!.headers, 'content-type': 'application/json' };
    const planned = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${person.id}/appointments`,
      headers,
      // 10:00 in Paris on 4 December 2026.
      payload: {
        startsAt: '2026-12-04T09:00:00Z',
        durationMinutes: 60,
        counterpart: 'administration',
        place: 'Préfecture',
        purpose: 'Dépôt du dossier',
      },
    });
    expect(planned.statusCode).toBe(201);
    const appointment = planned.json<{ id: string; version: number }>();
    const reminder = () =>
      sql<{ due_on: string; status: string; assignee_user_id: string }>(
        t.db.superuserUrl,
        `SELECT due_on::text, status, assignee_user_id FROM reminder WHERE source_id = $1 ORDER BY created_at`,
        [appointment.id],
      );
    expect(await reminder()).toEqual([{ due_on: '2026-12-03', status: 'pending', assignee_user_id: w.users.workerA1 }]);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/appointments/${appointment.id}`,
      headers,
      payload: { version: appointment.version, startsAt: '2026-12-10T09:00:00Z' },
    });
    expect(moved.statusCode).toBe(200);
    expect((await reminder()).map((r) => [r.due_on, r.status])).toEqual([['2026-12-09', 'pending']]);
    const cancelled = await t.app.inject({
      method: 'PATCH',
      url: `/api/appointments/${appointment.id}`,
      headers,
      payload: { version: moved.json<{ version: number }>().version, status: 'cancelled' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect((await reminder()).map((r) => r.status)).toEqual(['cancelled']);
  });

  describe('lead times (organisation settings)', () => {
    const settings = async () => get<AssociationSettingsView>('adminA', '/api/settings');
    const patch = (payload: Record<string, unknown>, principal: keyof World['sessions'] = 'adminA') =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/settings',
        headers: { ...w.sessions[principal]!.headers, 'content-type': 'application/json' },
        payload,
      });
    const resyncJobs = () =>
      sql<{ id: string; job_name: string; payload: { afterId: string } }>(
        t.db.superuserUrl,
        `SELECT id, job_name, payload FROM outbox_job WHERE job_name LIKE '%.reminders.resync' AND state = 'pending'
          ORDER BY created_at`,
      );
    /** Runs the resync jobs the change wrote, and the batches they enqueue, as the worker would. */
    const resync = async () => {
      let ran = 0;
      for (let jobs = await resyncJobs(); jobs.length > 0; jobs = await resyncJobs()) {
        for (const job of jobs) expect(await executor.execute(job.id)).toBe('done');
        ran += jobs.length;
      }
      return ran;
    };

    it('moves the open reminders of the files when the no-contact or retention lead time changes; done ones stay done', async () => {
      const person = await createPerson(t, workerA1());
      // The review is done already; the check is still open.
      await sql(
        t.db.superuserUrl,
        `UPDATE reminder SET status = 'done', done_at = now() WHERE person_id = $1 AND kind = 'retention_review'`,
        [person.id],
      );
      const before = await settings();
      expect([before.noContactDays, before.retentionYears]).toEqual([30, 2]);
      const res = await patch({ noContactDays: 45, retentionYears: 3, version: before.version });
      expect(res.statusCode).toBe(200);
      expect(res.json<AssociationSettingsView>()).toMatchObject({ noContactDays: 45, retentionYears: 3 });
      // One job for the people lib (both lead times are its), ids only; nothing moved before it runs.
      const jobs = await resyncJobs();
      expect(jobs.map((j) => [j.job_name, j.payload])).toEqual([
        ['people.reminders.resync', { afterId: '00000000-0000-0000-0000-000000000000' }],
      ]);
      expect((await rows(person.id)).map((r) => r.due_on)).toEqual(['2026-12-27', '2028-11-27']);
      expect(await resync()).toBeGreaterThanOrEqual(1);
      // Opened on 27 November 2026: the check 45 days later; the done review is left as it was.
      expect((await rows(person.id)).map((r) => [r.kind, r.due_on, r.status])).toEqual([
        ['no_contact', '2027-01-11', 'pending'],
        ['retention_review', '2028-11-27', 'done'],
      ]);
      // A file opened now follows the new lead times at once.
      const next = await createPerson(t, workerA1());
      expect((await rows(next.id)).map((r) => r.due_on)).toEqual(['2027-01-11', '2029-11-27']);
    });

    it('moves appointment, document and approval reminders with their lead times', async () => {
      const person = await createPerson(t, workerA1());
      const planned = await t.app.inject({
        method: 'POST',
        url: `/api/persons/${person.id}/appointments`,
        headers: { ...w.sessions.workerA1!.headers, 'content-type': 'application/json' },
        // 10:00 in Paris on 4 December 2026.
        payload: {
          startsAt: '2026-12-04T09:00:00Z',
          durationMinutes: 60,
          counterpart: 'administration',
          place: 'Préfecture',
          purpose: 'Dépôt du dossier',
        },
      });
      expect(planned.statusCode).toBe(201);
      const document = await tx((ctx) =>
        t.app.get(DocumentsService).store(ctx, person.id, {
          kind: 'residence_permit',
          issuedOn: null,
          expiresOn: '2027-03-01',
          fileName: 'titre.pdf',
          mediaType: 'application/pdf',
          bytes: pdfWith('titre'),
        }),
      );
      expect(document.expiry).toBe('valid');
      await sql(t.db.superuserUrl, `UPDATE association SET approval_expires_on = '2027-09-01' WHERE id = $1`, [
        w.associationA,
      ]);
      const dueOf = async (sourceId: string) =>
        (
          await sql<{ due_on: string; status: string }>(
            t.db.superuserUrl,
            `SELECT due_on::text, status FROM reminder WHERE source_id = $1 ORDER BY created_at`,
            [sourceId],
          )
        ).map((r) => [r.due_on, r.status]);
      const appointmentId = planned.json<{ id: string }>().id;
      expect(await dueOf(appointmentId)).toEqual([['2026-12-03', 'pending']]);
      expect(await dueOf(document.id)).toEqual([['2026-12-31', 'pending']]);

      const res = await patch({
        appointmentLeadDays: 3,
        documentExpiryLeadDays: 100,
        approvalRenewalLeadMonths: 12,
        version: (await settings()).version,
      });
      expect(res.statusCode).toBe(200);
      // The approval has one source: moved in the settings' own transaction.
      expect(await dueOf(w.associationA)).toEqual([['2026-09-01', 'pending']]);
      expect((await resyncJobs()).map((j) => j.job_name).sort()).toEqual([
        'casework.reminders.resync',
        'documents.reminders.resync',
      ]);
      await resync();
      expect(await dueOf(appointmentId)).toEqual([['2026-12-01', 'pending']]);
      // 100 days before 1 March 2027 is past already: due today, never in the past.
      expect(await dueOf(document.id)).toEqual([['2026-11-27', 'pending']]);
      // Within 100 days of its expiry, the document now shows as expiring soon.
      const listed = await t.app.inject({
        method: 'GET',
        url: `/api/persons/${person.id}/documents`,
        headers: w.sessions.workerA1!.headers,
      });
      expect(listed.json<{ id: string; expiry: string }[]>().find((d) => d.id === document.id)?.expiry).toBe('soon');

      const months = await patch({ approvalRenewalLeadMonths: 3, version: (await settings()).version });
      expect(months.statusCode).toBe(200);
      expect(await dueOf(w.associationA)).toEqual([['2027-06-01', 'pending']]);
      // Nothing else changed: no job for the other libs.
      expect(await resyncJobs()).toEqual([]);
    });

    it('refuses values out of range with 400 and changes nothing; only admins change them', async () => {
      const before = await settings();
      const jobsBefore = await sql<{ n: number }>(t.db.superuserUrl, `SELECT count(*)::int AS n FROM outbox_job`);
      for (const payload of [
        { noContactDays: 6 },
        { retentionYears: 0 },
        { retentionYears: 11 },
        { appointmentLeadDays: -1 },
        { appointmentLeadDays: 31 },
        { documentExpiryLeadDays: 0 },
        { documentExpiryLeadDays: 'soixante' },
        { approvalRenewalLeadMonths: 1.5 },
        { approvalRenewalLeadMonths: 25 },
        // A valid value does not carry an invalid one through.
        { appointmentLeadDays: 2, retentionYears: 99 },
      ]) {
        const res = await patch({ ...payload, version: before.version });
        expect([JSON.stringify(payload), res.statusCode]).toEqual([JSON.stringify(payload), 400]);
        expect(res.json<{ details: { field: string }[] }>().details.length).toBeGreaterThan(0);
      }
      for (const principal of ['coordinatorA', 'workerA1'] as const) {
        expect((await patch({ appointmentLeadDays: 2, version: before.version }, principal)).statusCode).toBe(403);
      }
      expect(await settings()).toEqual(before);
      expect(await sql<{ n: number }>(t.db.superuserUrl, `SELECT count(*)::int AS n FROM outbox_job`)).toEqual(
        jobsBefore,
      );
      // The database checks the same ranges, whatever writes the row.
      await expect(
        sql(t.db.superuserUrl, `UPDATE association SET appointment_lead_days = 31 WHERE id = $1`, [w.associationA]),
      ).rejects.toThrow(/ck_association_appointment_lead_days/);
    });
  });
});
