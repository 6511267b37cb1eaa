import type { OutreachOptions, OutreachSessionView, Paged } from '@app/contracts';
import { sql } from '../support/sql';
import { createTestApp, type TestApp } from '../support/test-app';
import { seedWorld, type PrincipalName, type World } from '../support/world';

const json = { 'content-type': 'application/json' };

const TALLIES = {
  peopleMet: 7,
  newContacts: 3,
  gender: { women: 6, trans: 1 },
  firstLanguage: { ro: 4, bg: 2, fr: 1 },
  materials: { condoms: 60, leaflets: 7, hygiene_kits: 3 },
  orientations: { health: 2, legal: 1 },
};

describe('outreach sessions', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-05-04T09:00:00Z') });
    w = await seedWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const call = (principal: PrincipalName, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { ...w.sessions[principal]!.headers, ...(payload !== undefined ? json : {}) },
      ...(payload !== undefined ? { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) } : {}),
    });

  const session = (extra: Record<string, unknown> = {}) => ({
    siteId: w.siteA1,
    heldOn: '2026-05-03',
    placeKind: 'woods',
    durationMinutes: 180,
    teamMemberIds: [w.users.workerA1],
    tallies: TALLIES,
    ...extra,
  });

  it('lets the outreach volunteer log a session and list them', async () => {
    const options = await call('volunteerA', 'GET', '/api/outreach-sessions/options');
    expect(options.statusCode).toBe(200);
    const { sites, members } = options.json<OutreachOptions>();
    expect(sites.map((s) => s.id).sort()).toEqual([w.siteA1, w.siteA2].sort());
    expect(members.map((m) => m.id)).toEqual(expect.arrayContaining([w.users.volunteerA, w.users.workerA1]));
    expect(members.map((m) => m.id)).not.toContain(w.users.adminA);

    const created = await call('volunteerA', 'POST', '/api/outreach-sessions', session());
    expect(created.statusCode).toBe(201);
    const view = created.json<OutreachSessionView>();
    expect(view.teamMemberIds.sort()).toEqual([w.users.volunteerA, w.users.workerA1].sort());
    expect(view.tallies).toMatchObject({ peopleMet: 7, newContacts: 3, gender: { women: 6, trans: 1 } });
    const online = await call(
      'volunteerA',
      'POST',
      '/api/outreach-sessions',
      session({ placeKind: 'online', channel: 'escort_sites', heldOn: '2026-05-04' }),
    );
    expect(online.statusCode).toBe(201);
    const list = await call('volunteerA', 'GET', '/api/outreach-sessions');
    expect(list.json<Paged<OutreachSessionView>>().items.map((s) => s.placeKind)).toEqual(['online', 'woods']);
    expect((await call('coordinatorB', 'GET', '/api/outreach-sessions')).json<Paged<unknown>>().total).toBe(0);
  });

  it.each([
    ['a free-text note', { notes: 'Rencontré Maria près du pont' }],
    ['a place typed by hand', { place: 'Bois de Vincennes, allée 3' }],
    ['a name in the tallies', { tallies: { ...TALLIES, names: ['Maria'] } }],
    ['an unknown gender key', { tallies: { ...TALLIES, gender: { women: 1, maria: 1 } } }],
    ['an unknown language key', { tallies: { ...TALLIES, firstLanguage: { klingon: 1 } } }],
    ['an unknown material', { tallies: { ...TALLIES, materials: { condoms: 1, note: 2 } } }],
    ['an association id', { associationId: '00000000-0000-4000-8000-000000000000' }],
    ['a created-by', { createdBy: '00000000-0000-4000-8000-000000000000' }],
  ])('refuses a payload with %s (400) and stores nothing', async (_label, extra) => {
    const before = await sql(t.db.superuserUrl, 'SELECT id FROM outreach_session');
    const res = await call('volunteerA', 'POST', '/api/outreach-sessions', session(extra));
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('Maria');
    expect(await sql(t.db.superuserUrl, 'SELECT id FROM outreach_session')).toEqual(before);
  });

  it('refuses counts that do not add up, a future date, a channel off line, a foreign site', async () => {
    const cases = [
      session({ tallies: { ...TALLIES, newContacts: 9 } }),
      session({ tallies: { ...TALLIES, gender: { women: 8 } } }),
      session({ heldOn: '2026-05-05' }),
      session({ placeKind: 'online' }),
      session({ channel: 'messaging' }),
      session({ siteId: w.siteB }),
      session({ teamMemberIds: [w.users.coordinatorB] }),
      session({ tallies: { ...TALLIES, peopleMet: -1 } }),
      session({ tallies: { ...TALLIES, peopleMet: 1.5 } }),
    ];
    for (const body of cases) {
      const res = await call('volunteerA', 'POST', '/api/outreach-sessions', body);
      expect({ body, status: res.statusCode }).toEqual({ body, status: 400 });
    }
  });

  it('gives the volunteer nothing else: no file, no document, no partner, no referral', async () => {
    for (const url of [
      '/api/persons',
      `/api/persons/${w.personA1}`,
      `/api/persons/${w.personA1}/documents`,
      `/api/persons/${w.personA1}/referrals`,
      '/api/partners',
      '/api/users',
      '/api/sites',
    ]) {
      expect({ url, status: (await call('volunteerA', 'GET', url)).statusCode }).toEqual({ url, status: 403 });
    }
  });
});
