import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PersonFile, PersonSummary } from '@app/contracts';
import type { DataSource } from 'typeorm';
import { ownerDataSource } from '../../apps/api/src/database';
import { drawPerson, Random, seedSynthetic, type SyntheticResult } from '../../apps/api/src/seed/synthetic';
import { cookieFrom } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'synthetic-test-password';

/** `seed:synthetic` writes what Envol itself reads: real encryption, blind indexes, scopes. */
describe('synthetic data', () => {
  let t: TestApp;
  let owner: DataSource;
  let seeded: SyntheticResult;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await ownerDataSource(t.db.ownerUrl).initialize();
    seeded = await seedSynthetic(owner, t.keys, {
      associations: 2,
      persons: 400,
      seed: 7,
      password: PASSWORD,
      batchSize: 150,
      now: t.clock.now(),
    });
  });

  afterAll(async () => {
    await owner?.destroy();
    await t?.close();
  });

  const signIn = async (email: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ next: string }>().next).toBe('done');
    return cookieFrom(response.headers['set-cookie']);
  };

  it('spreads every person over the associations, in batches, with search tokens and consents', () => {
    expect(seeded.associations).toHaveLength(2);
    expect(seeded.associations.reduce((sum, a) => sum + a.persons, 0)).toBe(400);
    // Each person has at least a name token and a consent: more rows than persons.
    expect(seeded.rows).toBeGreaterThan(800);
  });

  it('writes files a coordinator reads decrypted, within the site, through the API', async () => {
    const [first] = seeded.associations;
    const coordinator = first.coordinators[0];
    const cookie = await signIn(coordinator.email);
    const list = await t.app.inject({ method: 'GET', url: '/api/persons?pageSize=50', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: PersonSummary[]; total: number }>();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((p) => p.siteId === coordinator.siteId)).toBe(true);
    // A decrypted name, not the file number shown when the identity holds none.
    expect(page.items.every((p) => p.displayName !== p.fileNumber)).toBe(true);

    const one = await t.app.inject({ method: 'GET', url: `/api/persons/${page.items[0].id}`, headers: { cookie } });
    expect(one.statusCode).toBe(200);
    const file = one.json<PersonFile>();
    expect(file.identity.legalName).toMatch(/\S+ \S+/);
    expect(file.attributes.birthYear).toBeGreaterThan(1900);

    // The blind index finds the person by legal name, as typed.
    const search = await t.app.inject({
      method: 'POST',
      url: '/api/persons/search',
      headers: { cookie, 'x-csrf-token': await csrf(cookie) },
      payload: { query: file.identity.legalName },
    });
    expect(search.statusCode).toBe(200);
    expect(search.json<PersonSummary[]>().map((p) => p.id)).toContain(file.id);
  });

  it('keeps each association to itself', async () => {
    const [first, second] = seeded.associations;
    const cookie = await signIn(second.coordinators[0].email);
    const list = await t.app.inject({ method: 'GET', url: '/api/persons?pageSize=100', headers: { cookie } });
    const ids = new Set(list.json<{ items: PersonSummary[] }>().items.map((p) => p.id));
    const other = await signIn(first.coordinators[0].email);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/persons?pageSize=100', headers: { cookie: other } });
    for (const person of theirs.json<{ items: PersonSummary[] }>().items) expect(ids.has(person.id)).toBe(false);
  });

  it('draws the same data for the same seed, other data for another', () => {
    const site = { id: '00000000-0000-4000-8000-000000000001', code: 'TST', departement: '75' };
    const worker = { userId: '00000000-0000-4000-8000-000000000002', teamId: '00000000-0000-4000-8000-000000000003' };
    const draw = (seed: number) => {
      const random = new Random(seed);
      let n = 0;
      return Array.from({ length: 20 }, () =>
        drawPerson(random, new Date('2026-06-01T10:00:00Z'), site, worker, () => ++n),
      );
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3).map((p) => p.identity.legalName)).not.toEqual(draw(4).map((p) => p.identity.legalName));
  });

  it('refuses to seed a database twice', async () => {
    await expect(
      seedSynthetic(owner, t.keys, { associations: 1, persons: 1, seed: 1, password: PASSWORD }),
    ).rejects.toThrow(/already holds synthetic associations/);
  });

  /** The CSRF token of a session, as the web UI reads it. */
  async function csrf(cookie: string): Promise<string> {
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    return me.json<{ csrfToken: string }>().csrfToken;
  }
});
