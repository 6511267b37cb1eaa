import type { DeadlineItem, PartnerView, ReferralView, ReminderView } from '@app/contracts';
import { actorFor } from '../support/documents';
import { createPerson } from '../support/persons';
import { sql } from '../support/sql';
import { createTestApp, type TestApp } from '../support/test-app';
import { seedWorld, type PrincipalName, type World } from '../support/world';

const json = { 'content-type': 'application/json' };

describe('partners and referrals', () => {
  let t: TestApp;
  let w: World;
  let housing: PartnerView;
  let legal: PartnerView;

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-05-04T09:00:00Z') });
    w = await seedWorld(t);
    const create = async (body: object) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/partners',
          headers: { ...json, ...w.sessions.coordinatorA!.headers },
          payload: body,
        })
      ).json<PartnerView>();
    housing = await create({ kind: 'housing', name: 'SIAO 75', phone: '115' });
    legal = await create({ kind: 'legal', name: 'Avocats solidaires', email: 'accueil@avocats.example' });
  });

  afterAll(async () => {
    await t.close();
  });

  /** Consents are ordered by instant: the test clock moves on after each one. */
  const consent = async (principal: PrincipalName, personId: string, body: object) => {
    const res = await call(principal, 'POST', `/api/persons/${personId}/consents`, body);
    t.clock.advance(1000);
    return res;
  };

  const call = (principal: PrincipalName, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object | null) =>
    t.app.inject({
      method,
      url,
      headers: { ...w.sessions[principal]!.headers, ...(payload ? json : {}) },
      ...(payload ? { payload } : {}),
    });

  const referral = (partnerId: string, extra: object = {}) => ({
    partnerId,
    reason: 'Demande de mise à l’abri, sortie d’hôtel le 12',
    referredOn: '2026-05-04',
    followUpOn: '2026-05-11',
    sharedCategories: ['identity', 'situation'],
    pseudonymous: false,
    ...extra,
  });

  it('lets caseload roles read the directory and only admins and coordinators keep it', async () => {
    const list = await call('workerA1', 'GET', '/api/partners');
    expect(list.statusCode).toBe(200);
    // By kind, then name.
    expect(list.json<PartnerView[]>().map((p) => p.name)).toEqual(['SIAO 75', 'Avocats solidaires']);
    expect((await call('workerA1', 'POST', '/api/partners', { kind: 'health', name: 'X' + 'y' })).statusCode).toBe(403);
    expect((await call('volunteerA', 'GET', '/api/partners')).statusCode).toBe(403);
    expect((await call('coordinatorB', 'GET', '/api/partners')).json<PartnerView[]>()).toEqual([]);
    const archived = await call('adminA', 'PATCH', `/api/partners/${legal.id}`, {
      active: false,
      version: legal.version,
    });
    expect(archived.statusCode).toBe(200);
    expect((await call('workerA1', 'GET', '/api/partners')).json<PartnerView[]>().map((p) => p.id)).toEqual([
      housing.id,
    ]);
    const all = await call('adminA', 'GET', '/api/partners?includeArchived=true');
    expect(all.json<PartnerView[]>()).toHaveLength(2);
    const stale = await call('adminA', 'PATCH', `/api/partners/${legal.id}`, { active: true, version: legal.version });
    expect(stale.statusCode).toBe(409);
    const back = await call('adminA', 'PATCH', `/api/partners/${legal.id}`, {
      active: true,
      version: legal.version + 1,
    });
    expect(back.statusCode).toBe(200);
  });

  it('refuses a referral without consent, says which consent would allow it, and accepts it once recorded', async () => {
    const refused = await call('workerA1', 'POST', `/api/persons/${w.personA1}/referrals`, referral(housing.id));
    expect(refused.statusCode).toBe(409);
    const body = refused.json<{ code: string; details: { field: string; code: string }[] }>();
    expect(body.code).toBe('CONSENT_REQUIRED');
    expect(body.details.map((d) => d.code).sort()).toEqual(['share_housing', 'share_partner']);
    const none = await sql(t.db.superuserUrl, 'SELECT 1 FROM referral WHERE person_id = $1', [w.personA1]);
    expect(none).toHaveLength(0);

    // A consent for another kind does not cover housing; a withdrawn one does not either.
    await consent('workerA1', w.personA1, { purpose: 'share_health', given: true });
    await consent('workerA1', w.personA1, { purpose: 'share_housing', given: true });
    await consent('workerA1', w.personA1, { purpose: 'share_housing', given: false });
    expect(
      (await call('workerA1', 'POST', `/api/persons/${w.personA1}/referrals`, referral(housing.id))).statusCode,
    ).toBe(409);

    // Consent to share with this named partner.
    const named = await consent('workerA1', w.personA1, {
      purpose: 'share_partner',
      partnerId: housing.id,
      given: true,
    });
    expect(named.statusCode).toBe(201);
    const accepted = await call('workerA1', 'POST', `/api/persons/${w.personA1}/referrals`, referral(housing.id));
    expect(accepted.statusCode).toBe(201);
    const view = accepted.json<ReferralView>();
    expect(view).toMatchObject({
      partnerId: housing.id,
      partnerName: 'SIAO 75',
      partnerKind: 'housing',
      outcome: 'pending',
      sharedCategories: ['identity', 'situation'],
      pseudonymous: false,
    });
    // That consent names one partner: the legal partner is still refused.
    expect(
      (await call('workerA1', 'POST', `/api/persons/${w.personA1}/referrals`, referral(legal.id))).statusCode,
    ).toBe(409);
    // The reason is encrypted at rest.
    const plain = await sql(
      t.db.superuserUrl,
      `SELECT 1 FROM referral WHERE position(convert_to('mise à l’abri', 'UTF8') in reason) > 0`,
    );
    expect(plain).toHaveLength(0);
    const audit = await sql<{ action: string }>(
      t.db.superuserUrl,
      'SELECT action FROM audit_entry WHERE request_id = $1',
      [String(accepted.headers['x-request-id'])],
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['journal_event.created', 'referral.created']);
    // The file's timeline shows the orientation: partner, kind, what was shared; not the reason.
    const events = await call('workerA1', 'GET', `/api/persons/${w.personA1}/events?type=orientation`);
    expect(events.statusCode).toBe(200);
    const texts = events.json<{ items: { text: string }[] }>().items.map((e) => e.text);
    expect(texts).toContain(
      'Orientation vers SIAO 75 (hébergement / SIAO), nominative. Données partagées : identité, situation.',
    );
    expect(texts.some((text) => text.includes('mise à l’abri'))).toBe(false);
  });

  it('accepts a pseudonymous referral when consent covers only that, and never with identity or contact', async () => {
    const pseudo = referral(legal.id, { pseudonymous: true, sharedCategories: ['situation', 'administrative'] });
    expect((await call('workerA2', 'POST', `/api/persons/${w.personA2}/referrals`, pseudo)).statusCode).toBe(409);
    await consent('workerA2', w.personA2, { purpose: 'share_pseudonymous', given: true });
    const named = await call('workerA2', 'POST', `/api/persons/${w.personA2}/referrals`, referral(legal.id));
    expect(named.statusCode).toBe(409);
    const identifying = await call('workerA2', 'POST', `/api/persons/${w.personA2}/referrals`, {
      ...pseudo,
      sharedCategories: ['contact'],
    });
    expect(identifying.statusCode).toBe(400);
    expect(identifying.json()).toMatchObject({ code: 'REFERRAL_PSEUDONYMOUS_IDENTIFYING' });
    const ok = await call('workerA2', 'POST', `/api/persons/${w.personA2}/referrals`, pseudo);
    expect(ok.statusCode).toBe(201);
    expect(ok.json<ReferralView>().pseudonymous).toBe(true);
  });

  it('records the outcome and follow-up with the version read, in scope only', async () => {
    const [mine] = (await call('workerA1', 'GET', `/api/persons/${w.personA1}/referrals`)).json<ReferralView[]>();
    const url = `/api/persons/${w.personA1}/referrals/${mine.id}`;
    expect((await call('workerA2', 'PATCH', url, { outcome: 'accepted', version: mine.version })).statusCode).toBe(404);
    expect((await call('workerA2', 'GET', `/api/persons/${w.personA1}/referrals`)).statusCode).toBe(404);
    const before = await call('workerA1', 'PATCH', url, { followUpOn: '2026-05-01', version: mine.version });
    expect(before.statusCode).toBe(400);
    const done = await call('workerA1', 'PATCH', url, { outcome: 'accepted', version: mine.version });
    expect(done.statusCode).toBe(200);
    expect(done.json<ReferralView>()).toMatchObject({ outcome: 'accepted', version: mine.version + 1 });
    expect((await call('workerA1', 'PATCH', url, { outcome: 'completed', version: mine.version })).statusCode).toBe(
      409,
    );
    expect(
      (await call('workerA1', 'PATCH', url, { outcome: 'completed', version: mine.version + 1, partnerId: legal.id }))
        .statusCode,
    ).toBe(400);
  });

  it('reminds the referent on the follow-up date, moves with it, ends with the outcome; no date, no reminder', async () => {
    const person = (await createPerson(t, actorFor(w, 'workerA1'))).id;
    await consent('workerA1', person, { purpose: 'share_housing', given: true });
    const url = `/api/persons/${person}/referrals`;
    const reminders = (referralId: string) =>
      sql<{
        kind: string;
        status: string;
        due_on: string;
        deadline_on: string;
        assignee: string | null;
        done_by: string | null;
      }>(
        t.db.superuserUrl,
        `SELECT kind, status, due_on::text, deadline_on::text, coalesce(assignee_user_id::text, assignee_role) AS assignee,
                done_by::text
           FROM reminder WHERE source_kind = 'referral' AND source_id = $1 ORDER BY created_at, due_on`,
        [referralId],
      );
    const expected = (due: string, status = 'pending', doneBy: string | null = null) => ({
      kind: 'referral_follow_up',
      status,
      due_on: due,
      deadline_on: due,
      assignee: w.users.workerA1,
      done_by: doneBy,
    });

    const created = await call('workerA1', 'POST', url, referral(housing.id, { followUpOn: '2026-05-11' }));
    expect(created.statusCode).toBe(201);
    let view = created.json<ReferralView>();
    expect(await reminders(view.id)).toEqual([expected('2026-05-11')]);

    // In My reminders, the file's reminders and the deadlines view, which read the same store.
    const mine = (await call('workerA1', 'GET', '/api/reminders')).json<{ items: ReminderView[] }>();
    expect(mine.items.filter((r) => r.sourceId === view.id).map((r) => [r.kind, r.dueOn, r.bucket])).toEqual([
      ['referral_follow_up', '2026-05-11', 'week'],
    ]);
    const file = (await call('workerA1', 'GET', `/api/persons/${person}/reminders`)).json<{ items: ReminderView[] }>();
    expect(file.items.map((r) => r.kind)).toContain('referral_follow_up');
    const deadlines = (await call('workerA1', 'GET', `/api/deadlines?personId=${person}`)).json<DeadlineItem[]>();
    expect(deadlines.filter((d) => d.sourceId === view.id)).toEqual([
      expect.objectContaining({
        kind: 'referral_follow_up',
        dueOn: '2026-05-11',
        sourceKind: 'referral',
        labelKey: 'deadline.referral_follow_up',
        overdue: false,
      }),
    ]);

    // Moved: the old one is cancelled, the new date raised.
    const moved = await call('workerA1', 'PATCH', `${url}/${view.id}`, {
      followUpOn: '2026-05-18',
      version: view.version,
    });
    expect(moved.statusCode).toBe(200);
    // A stale edit (the version read before the move) changes nothing, the reminder included.
    const stale = await call('workerA1', 'PATCH', `${url}/${view.id}`, {
      followUpOn: '2026-05-20',
      version: view.version,
    });
    expect(stale.statusCode).toBe(409);
    view = moved.json<ReferralView>();
    expect(await reminders(view.id)).toEqual([expected('2026-05-11', 'cancelled'), expected('2026-05-18')]);

    // Accepted by the partner: the person still has to get there, the follow-up stays.
    const accepted = await call('workerA1', 'PATCH', `${url}/${view.id}`, {
      outcome: 'accepted',
      version: view.version,
    });
    expect(accepted.statusCode).toBe(200);
    view = accepted.json<ReferralView>();
    expect(await reminders(view.id)).toEqual([expected('2026-05-11', 'cancelled'), expected('2026-05-18')]);

    // Completed: what the follow-up was for happened; the reminder is done, by who recorded it.
    const completed = await call('workerA1', 'PATCH', `${url}/${view.id}`, {
      outcome: 'completed',
      version: view.version,
    });
    expect(completed.statusCode).toBe(200);
    expect(await reminders(view.id)).toEqual([
      expected('2026-05-11', 'cancelled'),
      expected('2026-05-18', 'done', w.users.workerA1),
    ]);
    const after = (await call('workerA1', 'GET', '/api/reminders')).json<{ items: ReminderView[] }>();
    expect(after.items.some((r) => r.sourceId === view.id)).toBe(false);

    // No follow-up date: no reminder.
    const none = await call('workerA1', 'POST', url, referral(housing.id, { followUpOn: null }));
    expect(none.statusCode).toBe(201);
    expect(await reminders(none.json<ReferralView>().id)).toEqual([]);

    // The date cleared, or the referral cancelled: the reminder is cancelled.
    for (const change of [{ followUpOn: null }, { outcome: 'cancelled' }]) {
      const other = (
        await call('workerA1', 'POST', url, referral(housing.id, { followUpOn: '2026-05-25' }))
      ).json<ReferralView>();
      expect(await reminders(other.id)).toEqual([expected('2026-05-25')]);
      const changed = await call('workerA1', 'PATCH', `${url}/${other.id}`, { ...change, version: other.version });
      expect(changed.statusCode).toBe(200);
      expect(await reminders(other.id)).toEqual([expected('2026-05-25', 'cancelled')]);
    }
  });
});
