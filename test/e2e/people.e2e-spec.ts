import { execFileSync } from 'node:child_process';
import { sql as query } from '../support/sql';
import { signIn } from '../support/accounts';
import { personInput } from '../support/persons';
import { createTestApp, type TestApp } from '../support/test-app';
import { seedWorld, type World } from '../support/world';

const json = { 'content-type': 'application/json' };

/** The whole database as text: pg_dump when its version matches the server, else every row in SQL. */
async function dump(t: TestApp): Promise<string> {
  const [{ version }] = await query<{ version: string }>(
    t.db.superuserUrl,
    `SELECT current_setting('server_version_num') AS version`,
  );
  try {
    const local = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' });
    if (local.includes(` ${Math.floor(Number(version) / 10000)}.`)) {
      return execFileSync('pg_dump', ['--data-only', t.db.superuserUrl], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
    }
  } catch {
    // No usable pg_dump: dump in SQL below.
  }
  const tables = await query<{ name: string }>(
    t.db.superuserUrl,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await query<{ row: string }>(t.db.superuserUrl, `SELECT t::text AS row FROM "${name}" t`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('person files', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-05-04T09:00:00Z') });
    w = await seedWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const as = (principal: keyof World['sessions']) => ({ ...json, ...w.sessions[principal]!.headers });

  it('creates a file with a readable number, shows it to the team, hides it from the other team', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: as('workerA1'),
      payload: personInput(
        { legalName: 'Blessing Okonkwo', usedName: 'Joy', birthDate: '2009-02-01' },
        { acknowledgeDuplicates: false },
      ),
    });
    expect(created.statusCode).toBe(201);
    const file = created.json();
    expect(file.fileNumber).toMatch(/^AAA-2026-\d{4}$/);
    expect(file).toMatchObject({ displayName: 'Joy', minor: true, referentId: w.users.workerA1, teamId: w.teamA1 });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/persons/${file.id}`, headers: as('workerA1') })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/persons/${file.id}`, headers: as('workerA2') })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/persons/${file.id}`, headers: as('coordinatorA') })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/persons/${file.id}`, headers: as('coordinatorB') })).statusCode,
    ).toBe(404);
  });

  it('warns of a probable duplicate (same name token and birth year) with file numbers only', async () => {
    const input = personInput({ legalName: 'Ana Popescu', birthDate: '1990-01-01' }, { acknowledgeDuplicates: false });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/persons', headers: as('workerA1'), payload: input })).statusCode,
    ).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: as('workerA2'),
      payload: { ...input, identity: { ...input.identity, legalName: 'POPESCU Ana-Maria' } },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DUPLICATE_SUSPECTED');
    expect(again.json().details[0].code).toMatch(/^AAA-2026-\d{4}$/);
    expect(again.body).not.toContain('Popescu');
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: as('workerA2'),
      payload: { ...input, acknowledgeDuplicates: true },
    });
    expect(confirmed.statusCode).toBe(201);
  });

  it("finds a person by name tokens (accents and case folded), by phone and by file number, never another association's", async () => {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: as('workerA1'),
      payload: personInput({ legalName: 'Élodie Dupré-Hébert', phones: ['+33 6 12 34 56 78'] }),
    });
    const { id, fileNumber } = made.json();
    const search = async (q: string, who: keyof World['sessions'] = 'workerA1') =>
      (
        await t.app.inject({ method: 'POST', url: '/api/persons/search', headers: as(who), payload: { query: q } })
      ).json<{ id: string }[]>();
    for (const q of ['elodie dupre', 'HEBERT', 'Élodie Dupré-Hébert', '06.12.34.56.78', fileNumber]) {
      expect((await search(q)).map((p) => p.id)).toContain(id);
    }
    expect(await search('elodie martin')).toEqual([]);
    expect(await search('elodie', 'coordinatorB')).toEqual([]);
  });

  it('finds the right person by exact name in 100/100 samples, never one of another association', async () => {
    const first = ['Aïcha', 'Olena', 'Mariana', 'Xiu', 'Precious', 'Ioana', 'Nadia', 'Rosa', 'Chloé', 'Ngozi'];
    const last = ['Koné', 'Shevchenko', 'Da Silva', 'Wang', 'Obi', 'Popa', "N'Diaye", 'Gómez', 'Lefèvre', 'Adeyemi'];
    const made: { id: string; name: string }[] = [];
    for (let i = 0; i < 100; i++) {
      const name = `${first[i % 10]} ${last[Math.floor(i / 10)]}`;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/persons',
        headers: as('workerA1'),
        payload: personInput({ legalName: name }),
      });
      made.push({ id: res.json<{ id: string }>().id, name });
      // The same names in association B: a search in A must never return them.
      await t.app.inject({
        method: 'POST',
        url: '/api/persons',
        headers: as('coordinatorB'),
        payload: personInput({ legalName: name }),
      });
    }
    let found = 0;
    for (const { id, name } of made) {
      const hits = (
        await t.app.inject({
          method: 'POST',
          url: '/api/persons/search',
          headers: as('workerA1'),
          payload: { query: name.toUpperCase() },
        })
      ).json<{ id: string }[]>();
      if (hits.length === 1 && hits[0].id === id) found += 1;
    }
    expect(found).toBe(100);
  });

  it('answers 409 to a stale version and keeps the newer edit', async () => {
    const file = (
      await t.app.inject({ method: 'GET', url: `/api/persons/${w.personA1}`, headers: as('workerA1') })
    ).json();
    const first = await t.app.inject({
      method: 'PATCH',
      url: `/api/persons/${w.personA1}`,
      headers: as('workerA1'),
      payload: { version: file.version, status: 'accompanied' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/persons/${w.personA1}`,
      headers: as('coordinatorA'),
      payload: { version: file.version, status: 'closed' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const now = (
      await t.app.inject({ method: 'GET', url: `/api/persons/${w.personA1}`, headers: as('workerA1') })
    ).json();
    expect(now.status).toBe('accompanied');
  });

  it('keeps the consent ledger and shows coordinators who opened a file', async () => {
    const url = `/api/persons/${w.personA1}`;
    await t.app.inject({
      method: 'POST',
      url: `${url}/consents`,
      headers: as('workerA1'),
      payload: { purpose: 'share_housing', given: true },
    });
    t.clock.advance(1_000);
    await t.app.inject({
      method: 'POST',
      url: `${url}/consents`,
      headers: as('workerA1'),
      payload: { purpose: 'share_housing', given: false },
    });
    const ledger = (await t.app.inject({ method: 'GET', url: `${url}/consents`, headers: as('workerA1') })).json<
      { given: boolean }[]
    >();
    expect(ledger.slice(0, 2).map((c) => c.given)).toEqual([false, true]);
    const log = await t.app.inject({ method: 'GET', url: `${url}/access-log`, headers: as('coordinatorA') });
    expect(log.statusCode).toBe(200);
    const actions = log.json<{ action: string; actorId: string }[]>().map((e) => `${e.action}:${e.actorId}`);
    expect(actions).toContain(`person.read:${w.users.workerA1}`);
    expect((await t.app.inject({ method: 'GET', url: `${url}/access-log`, headers: as('dpoA') })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `${url}/access-log`, headers: as('workerA1') })).statusCode).toBe(
      403,
    );
  });

  it('lets the DPO search the trail by file number', async () => {
    const file = (
      await t.app.inject({ method: 'GET', url: `/api/persons/${w.personA1}`, headers: as('workerA1') })
    ).json<{
      fileNumber: string;
    }>();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/audit?fileNumber=${file.fileNumber}&action=person.read`,
      headers: as('dpoA'),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { objectId: string; action: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.objectId === w.personA1 && e.action === 'person.read')).toBe(true);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/audit?fileNumber=ZZZ-2026-9999',
      headers: as('dpoA'),
    });
    expect(unknown.json<{ total: number }>().total).toBe(0);
  });

  it('reassigns files in bulk through the referent route only', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/persons/referent',
      headers: as('coordinatorA'),
      payload: { referentId: w.users.workerA2, personIds: [w.personA1] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toMatchObject({ referentId: w.users.workerA2, teamId: w.teamA2 });
    const back = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${w.personA1}/referent`,
      headers: as('coordinatorA'),
      payload: { referentId: w.users.workerA1 },
    });
    expect(back.json()).toMatchObject({ referentId: w.users.workerA1, teamId: w.teamA1 });
    const notWorker = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${w.personA1}/referent`,
      headers: as('coordinatorA'),
      payload: { referentId: w.users.adminA },
    });
    expect(notWorker.json().code).toBe('REFERENT_NOT_FOUND');
  });

  it('canary: 50 persons with unique names, phones, emails and code words: 0 hits in a dump and in the server log', async () => {
    const canaries: string[] = [];
    for (let i = 0; i < 50; i++) {
      const tag = `Canari${i.toString(36)}Zq${Math.random().toString(36).slice(2, 8)}`;
      const phone = `06 ${String(10 + i).padStart(2, '0')} 98 76 ${String(10 + i).padStart(2, '0')}`;
      const email = `${tag.toLowerCase()}@canary.example`;
      canaries.push(tag, phone.replace(/ /g, ''), email, `Mot${tag}`);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/persons',
        headers: as('workerA1'),
        payload: {
          ...personInput({
            legalName: `${tag} Nom`,
            aliases: [`Alias${tag}`],
            phones: [phone],
            email,
            address: `12 rue ${tag}`,
          }),
          safeContact: { channel: 'sms', hours: null, neverCall: false, codeWord: `Mot${tag}`, lettersAllowed: false },
        },
      });
      expect(res.statusCode).toBe(201);
      await t.app.inject({
        method: 'POST',
        url: '/api/persons/search',
        headers: as('workerA1'),
        payload: { query: tag },
      });
    }
    const text = await dump(t);
    const logs = t.logLines.join('\n');
    const hits = canaries.filter((c) => text.includes(c) || logs.includes(c) || text.includes(c.toLowerCase()));
    expect(hits).toEqual([]);
    expect(text.length).toBeGreaterThan(10_000);
  });
  it('refuses a new file without its identity, safe contact or attributes with 400 (not a server error)', async () => {
    for (const payload of ['null', '{}', JSON.stringify({ identity: null, safeContact: 1, attributes: 'x' })]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/persons',
        headers: { ...as('workerA1'), 'content-type': 'application/json' },
        payload,
      });
      expect([payload, res.statusCode]).toEqual([payload, 400]);
    }
  });
  it('breaks the glass: 404 before, 200 with a reason, audited, 404 again after 24 h', async () => {
    const url = `/api/persons/${w.personA2}`;
    expect((await t.app.inject({ method: 'GET', url, headers: as('workerA1') })).statusCode).toBe(404);
    const short = await t.app.inject({
      method: 'POST',
      url: `${url}/break-glass`,
      headers: as('workerA1'),
      payload: { reason: 'urgent' },
    });
    expect(short.statusCode).toBe(400);
    const open = await t.app.inject({
      method: 'POST',
      url: `${url}/break-glass`,
      headers: as('workerA1'),
      payload: { reason: 'Hospitalisation en urgence, référent injoignable' },
    });
    expect(open.statusCode).toBe(200);
    const read = await t.app.inject({ method: 'GET', url, headers: as('workerA1') });
    expect(read.statusCode).toBe(200);
    expect(read.json().grantExpiresAt).toBe(open.json().expiresAt);
    const grants = (await t.app.inject({ method: 'GET', url: '/api/break-glass-grants', headers: as('dpoA') })).json<
      { personId: string; reason: string }[]
    >();
    expect(grants.find((g) => g.personId === w.personA2)?.reason).toBe(
      'Hospitalisation en urgence, référent injoignable',
    );
    t.clock.advance(24 * 3_600_000 + 1_000);
    // Sessions have expired too (idle timeout): a fresh one, after the grant's end.
    const fresh = await signIn(t, w.users.workerA1);
    expect((await t.app.inject({ method: 'GET', url, headers: fresh.headers })).statusCode).toBe(404);
  });
});
