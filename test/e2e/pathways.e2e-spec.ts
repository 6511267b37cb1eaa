import type { CommissionAgenda, DeadlineItem, PathwayView } from '@app/contracts';
import { sql } from '../support/sql';
import { createPerson } from '../support/persons';
import { createTestApp, type TestApp } from '../support/test-app';
import { seedWorld, type World } from '../support/world';

const json = { 'content-type': 'application/json' };

/**
 * The PSP over the API (domain/psp.md): every transition, with bad dates and out-of-order steps
 * refused with a coded 4xx and nothing changed; periods, gaps, the ceiling, snapshots, rights,
 * deadlines and the commission lists.
 */
describe('pathways', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    // "Today" is 10 March 2028 in Paris: the whole PSP below lies in the past.
    t = await createTestApp({ now: new Date('2028-03-10T09:00:00Z') });
    w = await seedWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const as = (principal: keyof World['sessions']) => ({ ...json, ...w.sessions[principal]!.headers });
  const post = (url: string, payload: unknown, principal: keyof World['sessions'] = 'workerA1') =>
    t.app.inject({ method: 'POST', url, headers: as(principal), payload: payload as object });
  const get = (url: string, principal: keyof World['sessions'] = 'workerA1') =>
    t.app.inject({ method: 'GET', url, headers: as(principal) });

  const newFile = async () =>
    (
      await createPerson(t, {
        userId: w.users.workerA1,
        associationId: w.associationA,
        roles: ['social_worker'],
        teamId: w.teamA1,
        siteIds: [],
      })
    ).id;

  const rowsOf = async (pathwayId: string) =>
    JSON.stringify([
      await sql(t.db.superuserUrl, 'SELECT state, closed_on, version FROM pathway WHERE id = $1', [pathwayId]),
      await sql(t.db.superuserUrl, 'SELECT count(*) FROM pathway_event WHERE pathway_id = $1', [pathwayId]),
      await sql(t.db.superuserUrl, 'SELECT count(*) FROM pathway_period WHERE pathway_id = $1', [pathwayId]),
    ]);

  /** Sends a step that must be refused with this status and code, and checks nothing changed. */
  const refused = async (pathwayId: string, step: Record<string, unknown>, status: number, code: string) => {
    const before = await rowsOf(pathwayId);
    const res = await post(`/api/pathways/${pathwayId}/events`, step);
    expect({ step, status: res.statusCode, code: res.json().code }).toEqual({ step, status, code });
    expect(res.body).not.toMatch(/at \w+ \(|SELECT|INSERT/);
    expect(await rowsOf(pathwayId)).toBe(before);
  };
  const step = async (pathwayId: string, body: Record<string, unknown>) => {
    const res = await post(`/api/pathways/${pathwayId}/events`, body);
    expect({ body, status: res.statusCode, error: res.statusCode >= 300 ? res.body : null }).toEqual({
      body,
      status: 201,
      error: null,
    });
    return res.json<PathwayView>();
  };

  it('runs a whole PSP: request, opinion, authorisation, three renewals, completed at 24 months', async () => {
    const personId = await newFile();
    // Rights at entry: emergency shelter, no income.
    expect(
      (
        await post(`/api/persons/${personId}/rights`, {
          kind: 'housing',
          status: 'current',
          situation: 'emergency_shelter',
          startsOn: '2025-12-01',
        })
      ).statusCode,
    ).toBe(201);
    const opened = await post(`/api/persons/${personId}/pathways`, { kind: 'psp', openedOn: '2026-01-02' });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id;
    expect(opened.json()).toMatchObject({
      state: 'preparation',
      departement: '75',
      allowedEvents: ['submit', 'abandon', 'complaint'],
    });
    // At most one open PSP per person.
    const second = await post(`/api/persons/${personId}/pathways`, { kind: 'psp', openedOn: '2026-01-02' });
    expect([second.statusCode, second.json().code]).toEqual([409, 'PATHWAY_ALREADY_OPEN']);

    // Preparation: bad dates, steps out of order.
    await refused(id, { kind: 'submit', on: '2026-02-30' }, 400, 'INVALID_DATE');
    await refused(id, { kind: 'submit', on: '2028-03-11' }, 400, 'DATE_IN_FUTURE');
    await refused(id, { kind: 'submit', on: '2026-01-01' }, 400, 'DATE_BEFORE_PREVIOUS_EVENT');
    await refused(id, { kind: 'authorise', on: '2026-01-20' }, 409, 'TRANSITION_NOT_ALLOWED');
    await refused(id, { kind: 'opinion', on: '2026-01-20', opinion: 'favourable' }, 409, 'TRANSITION_NOT_ALLOWED');
    await step(id, { kind: 'submit', on: '2026-01-10' });

    // A commission session of the département, then its opinion.
    const session = await post('/api/commission-sessions', { departement: '75', heldOn: '2026-02-05' });
    expect(session.statusCode).toBe(201);
    await refused(id, { kind: 'opinion', on: '2026-02-05' }, 400, 'OPINION_REQUIRED');
    await refused(
      id,
      { kind: 'opinion', on: '2026-02-06', opinion: 'favourable', commissionSessionId: session.json().id },
      400,
      'COMMISSION_SESSION_MISMATCH',
    );
    await refused(id, { kind: 'opinion', on: '2026-01-09', opinion: 'favourable' }, 400, 'DATE_BEFORE_PREVIOUS_EVENT');
    await step(id, {
      kind: 'opinion',
      on: '2026-02-05',
      opinion: 'favourable',
      commissionSessionId: session.json().id,
    });
    // A complaint is optional and never a precondition: recorded in any order, changes no state.
    const complained = await step(id, { kind: 'complaint', on: '2026-01-15' });
    expect(complained.state).toBe('commission_opinion');

    // The préfet's decision: never before the request, period 1 from the stated start.
    await refused(id, { kind: 'authorise', on: '2026-01-05' }, 400, 'DECISION_BEFORE_SUBMISSION');
    await refused(id, { kind: 'authorise', on: '2026-02-20', startsOn: '2026-02-19' }, 400, 'START_BEFORE_DECISION');
    const authorised = await step(id, {
      kind: 'authorise',
      on: '2026-02-20',
      startsOn: '2026-03-01',
      decisionReference: 'PREF-75-2026-0012',
    });
    expect(authorised.periods).toEqual([
      {
        number: 1,
        startsOn: '2026-03-01',
        endsOn: '2026-08-31',
        decisionOn: '2026-02-20',
        decisionReference: 'PREF-75-2026-0012',
        gapDays: 0,
      },
    ]);
    expect(authorised.snapshots).toEqual([
      {
        moment: 'entry',
        takenOn: '2026-03-01',
        housing: 'emergency_shelter',
        income: [],
        employment: null,
        permit: null,
      },
    ]);
    const event = authorised.events.find((e) => e.kind === 'authorise')!;
    expect(event).toMatchObject({
      recordedBy: w.users.workerA1,
      fromState: 'commission_opinion',
      toState: 'authorised',
    });

    // AFIS tied to the decision: the period's dates, the amount from the settings (2 children).
    const afis = await post(`/api/persons/${personId}/rights`, {
      kind: 'income_support',
      status: 'granted',
      requestedOn: '2026-02-21',
      children: 2,
    });
    expect(afis.statusCode).toBe(201);
    expect(afis.json()).toMatchObject({
      startsOn: '2026-03-01',
      endsOn: '2026-08-31',
      monthlyAmountCents: 34320 + 2 * 10608,
      decisionEventId: event.id,
    });

    // Renewal 1 in time: contiguous. Renewal 2 late: starts at its decision, gap recorded. Renewal 3 in time.
    await step(id, { kind: 'submit_renewal', on: '2026-07-01' });
    await step(id, { kind: 'opinion', on: '2026-08-01', opinion: 'favourable' });
    await step(id, { kind: 'authorise', on: '2026-08-20', startsOn: null });
    await step(id, { kind: 'submit_renewal', on: '2027-01-05' });
    await step(id, { kind: 'opinion', on: '2027-02-01', opinion: 'favourable' });
    await step(id, { kind: 'authorise', on: '2027-03-11' });
    await step(id, { kind: 'submit_renewal', on: '2027-07-01' });
    await step(id, { kind: 'opinion', on: '2027-08-01', opinion: 'favourable' });
    const last = await step(id, { kind: 'authorise', on: '2027-08-10' });
    expect(last.periods.map((p) => [p.startsOn, p.endsOn, p.gapDays])).toEqual([
      ['2026-03-01', '2026-08-31', 0],
      ['2026-09-01', '2027-02-28', 0],
      ['2027-03-11', '2027-09-10', 10],
      ['2027-09-11', '2028-03-10', 0],
    ]);
    // A fifth period is refused whatever the dates; the UI is not offered it either.
    expect(last.allowedEvents).toEqual(['end', 'complaint']);
    await refused(id, { kind: 'submit_renewal', on: '2028-01-05' }, 409, 'PERIOD_CEILING');
    await refused(id, { kind: 'end', on: '2028-03-09', endReason: 'completed_24_months' }, 409, 'NOT_YET_COMPLETED');
    await refused(id, { kind: 'end', on: '2028-03-10' }, 400, 'END_REASON_REQUIRED');
    const ended = await step(id, { kind: 'end', on: '2028-03-10', endReason: 'completed_24_months' });
    expect(ended).toMatchObject({
      state: 'ended',
      closedOn: '2028-03-10',
      endReason: 'completed_24_months',
      allowedEvents: ['complaint'],
    });
    expect(ended.snapshots.map((s) => s.moment)).toEqual(['entry', 'exit']);
    // Renewing an ended pathway is refused.
    await refused(id, { kind: 'submit_renewal', on: '2028-03-10' }, 409, 'TRANSITION_NOT_ALLOWED');
    // A new PSP may be opened once the previous one is closed.
    expect((await post(`/api/persons/${personId}/pathways`, { kind: 'psp', openedOn: '2028-03-10' })).statusCode).toBe(
      201,
    );
  });

  it('refusal, appeal within 2 months of notification, then authorisation from the appeal decision', async () => {
    const personId = await newFile();
    const id = (await post(`/api/persons/${personId}/pathways`, { kind: 'psp', openedOn: '2027-01-02' })).json().id;
    await step(id, { kind: 'submit', on: '2027-01-10' });
    await step(id, { kind: 'opinion', on: '2027-02-01', opinion: 'unfavourable' });
    await refused(id, { kind: 'refuse', on: '2027-02-10', notifiedOn: '2027-02-09' }, 400, 'NOTIFIED_BEFORE_DECISION');
    await refused(id, { kind: 'appeal', on: '2027-02-10' }, 409, 'TRANSITION_NOT_ALLOWED');
    await step(id, { kind: 'refuse', on: '2027-02-10', notifiedOn: '2027-02-15' });
    await refused(id, { kind: 'appeal', on: '2027-04-16' }, 409, 'APPEAL_OUT_OF_TIME');
    await step(id, { kind: 'appeal', on: '2027-04-15' });
    await refused(id, { kind: 'appeal_granted', on: '2027-04-14' }, 400, 'DATE_BEFORE_PREVIOUS_EVENT');
    const granted = await step(id, { kind: 'appeal_granted', on: '2027-11-20' });
    expect(granted.periods[0]).toMatchObject({ number: 1, startsOn: '2027-11-20', endsOn: '2028-05-19' });
  });

  it('a refused renewal ends the pathway; withdrawal and abandon close early', async () => {
    const a = await newFile();
    const id = (await post(`/api/persons/${a}/pathways`, { kind: 'psp', openedOn: '2027-01-02' })).json().id;
    await step(id, { kind: 'submit', on: '2027-01-03' });
    await step(id, { kind: 'opinion', on: '2027-01-04', opinion: 'favourable' });
    await step(id, { kind: 'authorise', on: '2027-01-05' });
    await step(id, { kind: 'submit_renewal', on: '2027-06-01' });
    await refused(id, { kind: 'withdraw', on: '2027-06-02' }, 409, 'TRANSITION_NOT_ALLOWED');
    await step(id, { kind: 'opinion', on: '2027-06-10', opinion: 'unfavourable' });
    const ended = await step(id, { kind: 'refuse', on: '2027-06-20' });
    expect(ended).toMatchObject({ state: 'ended', endReason: 'renewal_refused', closedOn: '2027-06-20' });

    const b = await newFile();
    const idB = (await post(`/api/persons/${b}/pathways`, { kind: 'psp', openedOn: '2027-01-02' })).json().id;
    await step(idB, { kind: 'submit', on: '2027-01-03' });
    expect((await step(idB, { kind: 'withdraw', on: '2027-01-04' })).state).toBe('withdrawn');
    const idC = (await post(`/api/persons/${b}/pathways`, { kind: 'psp', openedOn: '2027-02-02' })).json().id;
    expect((await step(idC, { kind: 'abandon', on: '2027-02-03' })).state).toBe('abandoned');
    const support = (await post(`/api/persons/${b}/pathways`, { kind: 'support', openedOn: '2027-01-01' })).json();
    expect(support.allowedEvents).toEqual(['close', 'complaint']);
    expect((await step(support.id, { kind: 'close', on: '2027-03-01' })).state).toBe('closed');
  });

  it('refuses unknown fields, bad shapes and other teams’ files, changing nothing', async () => {
    const personId = await newFile();
    const id = (await post(`/api/persons/${personId}/pathways`, { kind: 'psp', openedOn: '2027-01-02' })).json().id;
    const before = await rowsOf(id);
    for (const body of [
      { kind: 'submit', on: '2027-01-03', state: 'authorised' },
      { kind: 'jump', on: '2027-01-03' },
      { kind: 'submit', on: '03/01/2027' },
      { kind: 'submit', on: '2027-01-03', decisionReference: 'Mme Dupont; DROP TABLE' },
    ]) {
      const res = await post(`/api/pathways/${id}/events`, body);
      expect({ body, status: res.statusCode }).toEqual({ body, status: 400 });
    }
    expect(
      (await post(`/api/pathways/${id}/events`, { kind: 'submit', on: '2027-01-03' }, 'workerA2')).statusCode,
    ).toBe(404);
    expect((await get(`/api/persons/${personId}/pathways`, 'workerA2')).statusCode).toBe(404);
    expect((await get(`/api/persons/${personId}/pathways`, 'coordinatorB')).statusCode).toBe(404);
    expect((await post(`/api/persons/${personId}/pathways`, { kind: 'psp', openedOn: '2027-06-01' })).json().code).toBe(
      'PATHWAY_ALREADY_OPEN',
    );
    expect(await rowsOf(id)).toBe(before);
  });

  it('goals by domain are encrypted and updated in place; rights are checked', async () => {
    const personId = await newFile();
    const id = (await post(`/api/persons/${personId}/pathways`, { kind: 'support', openedOn: '2027-01-02' })).json().id;
    const goal = await post(`/api/pathways/${id}/goals`, {
      domain: 'housing',
      title: 'Trouver un logement CHRS',
      targetOn: '2028-06-30',
    });
    expect(goal.statusCode).toBe(201);
    const raw = await sql<{ content: Buffer }>(t.db.superuserUrl, 'SELECT content FROM pathway_goal WHERE id = $1', [
      goal.json().id,
    ]);
    expect(raw[0].content.toString('latin1')).not.toContain('CHRS');
    const updated = await t.app.inject({
      method: 'PATCH',
      url: `/api/pathways/${id}/goals/${goal.json().id}`,
      headers: as('workerA1'),
      payload: { status: 'achieved', outcome: 'Entrée en CHRS', version: goal.json().version },
    });
    expect(updated.json()).toMatchObject({
      status: 'achieved',
      outcome: 'Entrée en CHRS',
      title: 'Trouver un logement CHRS',
    });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/pathways/${id}/goals/${goal.json().id}`,
      headers: as('workerA1'),
      payload: { status: 'abandoned', version: goal.json().version },
    });
    expect(stale.statusCode).toBe(409);

    for (const [body, code] of [
      [{ kind: 'residence_permit', status: 'issued', startsOn: '2027-01-01' }, 'DATE_REQUIRED'],
      [
        { kind: 'residence_permit', status: 'issued', startsOn: '2027-01-01', endsOn: '2026-12-31' },
        'END_BEFORE_START',
      ],
      [{ kind: 'income_support', status: 'refused', requestedOn: '2027-01-01' }, 'REFUSAL_REASON_REQUIRED'],
      [{ kind: 'housing', status: 'granted', situation: 'street', startsOn: '2027-01-01' }, 'RIGHT_STATUS_NOT_ALLOWED'],
    ] as const) {
      const res = await post(`/api/persons/${personId}/rights`, body);
      expect({ body, status: res.statusCode, code: res.json().code }).toEqual({ body, status: 400, code });
    }
  });

  it('lists deadlines for a person and a page, and the commission agenda of my scope', async () => {
    t.clock.set(new Date('2028-01-10T09:00:00Z'));
    try {
      const personId = await newFile();
      const id = (await post(`/api/persons/${personId}/pathways`, { kind: 'psp', openedOn: '2027-10-01' })).json().id;
      await step(id, { kind: 'submit', on: '2027-10-02' });
      await step(id, { kind: 'opinion', on: '2027-10-03', opinion: 'favourable' });
      await step(id, { kind: 'authorise', on: '2027-10-04', startsOn: '2027-11-01' });
      const aps = await post(`/api/persons/${personId}/rights`, {
        kind: 'residence_permit',
        status: 'issued',
        startsOn: '2027-11-05',
        endsOn: '2028-05-04',
      });
      expect(aps.statusCode).toBe(201);
      const mine = await get(`/api/deadlines?personId=${personId}`);
      expect(mine.statusCode).toBe(200);
      expect(
        mine
          .json<DeadlineItem[]>()
          .map((d) => [d.leadDays ? `${d.labelKey}_${d.leadDays}` : d.labelKey, d.dueOn, d.overdue]),
      ).toEqual([
        // 2028 is a leap year: 30 April - 90 days is 31 January.
        ['deadline.afis_request', '2027-10-04', true],
        ['deadline.renewal_review_90', '2028-01-31', false],
        // The view reads the reminder store: the file's own no-contact check is there too.
        ['deadline.no_contact', '2028-02-09', false],
        ['deadline.renewal_review_60', '2028-03-01', false],
        ['deadline.aps_expiry', '2028-03-05', false],
        ['deadline.period_end', '2028-04-30', false],
      ]);
      const page = await get(`/api/deadlines?personIds=${personId},${w.personA2}`);
      expect(new Set(page.json<DeadlineItem[]>().map((d) => d.personId))).toEqual(new Set([personId]));
      expect((await get(`/api/deadlines?personId=${personId}`, 'workerA2')).statusCode).toBe(404);

      // Renewals due before the next session; a request filed waits for it.
      await post('/api/commission-sessions', { departement: '75', heldOn: '2028-04-20' });
      const agenda = await get('/api/commission-sessions/agenda?departement=75');
      const due = agenda.json<CommissionAgenda>().renewalsDue;
      expect(agenda.json().nextSession).toMatchObject({ heldOn: '2028-04-20' });
      expect(due.map((r) => r.pathwayId)).toContain(id);
      expect(due.find((r) => r.pathwayId === id)).toMatchObject({
        periodRequested: 2,
        currentPeriodEndsOn: '2028-04-30',
      });
      expect((await get('/api/commission-sessions/agenda?departement=75', 'workerA2')).json().renewalsDue).toEqual([]);
      await step(id, { kind: 'submit_renewal', on: '2028-01-10' });
      const after = (await get('/api/commission-sessions/agenda?departement=75')).json<CommissionAgenda>();
      expect(after.waiting.map((r) => r.pathwayId)).toContain(id);
      expect(after.renewalsDue.map((r) => r.pathwayId)).not.toContain(id);
    } finally {
      t.clock.set(new Date('2028-03-10T09:00:00Z'));
    }
  });

  it('reads the lead times and AFIS amounts from the association settings', async () => {
    const admin = as('adminA');
    const view = (await t.app.inject({ method: 'GET', url: '/api/pathway-settings', headers: admin })).json<{
      settings: { afisMonthlyCents: number; renewalLeadDays: number[] };
      version: number;
    }>();
    expect(view.settings).toMatchObject({ afisMonthlyCents: 34320, renewalLeadDays: [90, 60] });
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: '/api/pathway-settings', headers: admin, payload });
    expect((await patch({ afisMonthlyCents: -1, version: view.version })).statusCode).toBe(400);
    const changed = await patch({ afisMonthlyCents: 60000, renewalLeadDays: [30], version: view.version });
    expect(changed.statusCode).toBe(200);
    expect((await patch({ afisMonthlyCents: 1, version: view.version })).statusCode).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/pathway-settings',
          headers: as('workerA1'),
          payload: { version: 1 },
        })
      ).statusCode,
    ).toBe(403);
    try {
      const personId = await newFile();
      const id = (
        await post(`/api/persons/${personId}/pathways`, { kind: 'psp', openedOn: '2027-12-01' })
      ).json<PathwayView>().id;
      await step(id, { kind: 'submit', on: '2027-12-02' });
      await step(id, { kind: 'opinion', on: '2027-12-03', opinion: 'favourable' });
      await step(id, { kind: 'authorise', on: '2027-12-04', startsOn: '2028-03-01' });
      const afis = await post(`/api/persons/${personId}/rights`, {
        kind: 'income_support',
        status: 'granted',
        requestedOn: '2027-12-05',
      });
      expect(afis.json()).toMatchObject({ monthlyAmountCents: 60000, startsOn: '2028-03-01', endsOn: '2028-08-31' });
      const reviews = (await get(`/api/deadlines?personId=${personId}`))
        .json<DeadlineItem[]>()
        .filter((d) => d.kind === 'renewal_review');
      expect(reviews).toEqual([]);
      const later = await t.app.inject({ method: 'GET', url: '/api/pathway-settings', headers: admin });
      await patch({ deadlineHorizonDays: 200, version: later.json<{ version: number }>().version });
      const due = (await get(`/api/deadlines?personId=${personId}`))
        .json<DeadlineItem[]>()
        .filter((d) => d.kind === 'renewal_review');
      expect(due.map((d) => [d.dueOn, d.leadDays])).toEqual([['2028-08-01', 30]]);
    } finally {
      const current = (await t.app.inject({ method: 'GET', url: '/api/pathway-settings', headers: admin })).json<{
        version: number;
      }>();
      await patch({
        afisMonthlyCents: 34320,
        renewalLeadDays: [90, 60],
        deadlineHorizonDays: 120,
        version: current.version,
      });
    }
  });
});
