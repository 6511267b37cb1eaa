import type { PartnerView, ReferralView } from '@app/contracts';
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

  const call = (principal: PrincipalName, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
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
});
