import { ownerDataSource } from '../../apps/api/src/database';
import { seedDemo, seedDemoPathways, seedDemoPeople } from '../../apps/api/src/seed/demo';
import { sql } from '../support/sql';
import { createTestApp, type TestApp } from '../support/test-app';

/** The demo shows PSPs in several states, once, dated relative to today. */
describe('demo pathways', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-11-20T10:00:00Z') });
  });

  afterAll(async () => {
    await t.close();
  });

  it('seeds pathways in several states, and only once', async () => {
    const owner = ownerDataSource(t.db.ownerUrl);
    await owner.initialize();
    try {
      await seedDemo(owner, t.keys, 'demo-password-for-tests', 'http://localhost');
      await seedDemoPeople(owner, t.keys, t.clock.now());
      expect(await seedDemoPathways(owner, t.keys, t.clock.now())).toBe(0);
    } finally {
      await owner.destroy();
    }
    const states = await sql<{ kind: string; state: string; periods: string }>(
      t.db.superuserUrl,
      `SELECT w.kind, w.state, (SELECT count(*) FROM pathway_period x WHERE x.pathway_id = w.id) AS periods
         FROM pathway w ORDER BY 1, 2, 3`,
    );
    expect(states.map((s) => `${s.kind}:${s.state}:${s.periods}`)).toEqual([
      'psp:authorised:2',
      'psp:authorised:4',
      'psp:ended:4',
      'psp:preparation:0',
      'psp:refused:0',
      'psp:submitted:0',
      'support:open:0',
    ]);
    const rights = await sql<{ kind: string; amount: number | null }>(
      t.db.superuserUrl,
      `SELECT kind, monthly_amount_cents AS amount FROM person_right ORDER BY kind`,
    );
    expect(rights).toEqual([
      { kind: 'housing', amount: null },
      { kind: 'income_support', amount: 34320 + 10608 },
      { kind: 'residence_permit', amount: null },
    ]);
  });
});
