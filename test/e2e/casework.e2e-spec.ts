import { randomUUID } from 'node:crypto';
import { TeamMember, UserRole } from '@app/access';
import { Role } from '@app/contracts';
import { inTransaction } from '@app/platform';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createAccount, signIn, type SignedIn } from '../support/accounts';
import { createPerson } from '../support/persons';
import { sql as query } from '../support/sql';
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

interface EventView {
  id: string;
  text: string;
  version: number;
  confidentiality: string;
  edited: boolean;
}

describe('casework: journal and appointments', () => {
  let t: TestApp;
  let w: World;
  /** A second worker of team A1, who is not the referent of worker A1's files. */
  let mate: { id: string; session: SignedIn };

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-05-04T09:00:00Z') });
    w = await seedWorld(t);
    const { id } = await createAccount(t, { email: 'mate.a1@world.test', associationId: w.associationA });
    await inTransaction(
      t.app.get(DataSource),
      { requestId: 'seed', now: t.clock.now(), associationId: w.associationA },
      async (ctx) => {
        await ctx.repo(UserRole).insert({ userId: id, role: Role.SocialWorker, associationId: w.associationA });
        await ctx.repo(TeamMember).insert({ userId: id, teamId: w.teamA1, associationId: w.associationA });
      },
    );
    mate = { id, session: await signIn(t, id) };
  });

  afterAll(async () => {
    await t.close();
  });

  const headersOf = (who: keyof World['sessions'] | 'mate') =>
    who === 'mate' ? { ...json, ...mate.session.headers } : { ...json, ...w.sessions[who]!.headers };

  /** For bodiless requests (DELETE): no JSON content type, or the server refuses the empty body. */
  const bare = (who: keyof World['sessions']) => w.sessions[who]!.headers;

  const log = async (who: keyof World['sessions'] | 'mate', personId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/persons/${personId}/events`, headers: headersOf(who), payload });

  const timeline = async (who: keyof World['sessions'] | 'mate', personId: string, extra = '') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/persons/${personId}/events?pageSize=200${extra}`,
      headers: headersOf(who),
    });
    return { status: res.statusCode, items: res.statusCode === 200 ? res.json<{ items: EventView[] }>().items : [] };
  };

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

  it('enforces confidentiality levels in the queries: author only, referent, team', async () => {
    const personId = await newFile();
    const made: Record<string, string> = {};
    for (const [key, who, confidentiality] of [
      ['teamByMate', 'mate', 'team'],
      ['referentByMate', 'mate', 'referent'],
      ['authorByMate', 'mate', 'author'],
      ['referentByReferent', 'workerA1', 'referent'],
      ['authorByReferent', 'workerA1', 'author'],
    ] as const) {
      const res = await log(who, personId, { type: 'interview', text: `Note ${key}`, confidentiality });
      expect(res.statusCode).toBe(201);
      expect(res.json<EventView>().confidentiality).toBe(confidentiality);
      made[key] = res.json<EventView>().id;
    }
    const seen = async (who: 'mate' | 'workerA1' | 'coordinatorA') =>
      (await timeline(who, personId)).items.map((e) => e.text).sort();
    // The referent (worker A1) reads team and referent notes, and their own; not the mate's author-only one.
    expect(await seen('workerA1')).toEqual(
      ['Note authorByReferent', 'Note referentByMate', 'Note referentByReferent', 'Note teamByMate'].sort(),
    );
    // A team mate reads team notes and their own, never the referent's referent-only or author-only notes.
    expect(await seen('mate')).toEqual(['Note authorByMate', 'Note referentByMate', 'Note teamByMate'].sort());
    // The site's coordinator reads team notes only.
    expect(await seen('coordinatorA')).toEqual(['Note teamByMate']);
    // The other team does not see the file at all.
    expect((await timeline('workerA2', personId)).status).toBe(404);
    // A note one may not read answers 404 on its own routes too, like a note that does not exist.
    for (const [who, id] of [
      ['coordinatorA', made.authorByMate],
      ['coordinatorA', made.referentByMate],
      ['workerA1', made.authorByMate],
      ['mate', made.referentByReferent],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/events/${id}/versions`, headers: headersOf(who) });
      expect({ who, status: res.statusCode }).toEqual({ who, status: 404 });
      expect(res.body).not.toContain('Note ');
    }
  });

  it('keeps every version, answers 409 to a stale one, and lets only the author edit', async () => {
    const personId = await newFile();
    const first = (await log('workerA1', personId, { type: 'phone_call', text: 'Première version' })).json<EventView>();
    expect(first.version).toBe(1);
    const patch = (who: 'workerA1' | 'coordinatorA' | 'mate', payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/events/${first.id}`, headers: headersOf(who), payload });
    const second = await patch('workerA1', { version: 1, text: 'Deuxième version' });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ version: 2, edited: true, text: 'Deuxième version' });
    const stale = await patch('workerA1', { version: 1, text: 'Écrasement tardif' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const third = await patch('workerA1', { version: 2, text: 'Troisième version', type: 'interview' });
    expect(third.statusCode).toBe(200);
    const notAuthor = await patch('coordinatorA', { version: 3, text: 'Par la coordination' });
    expect(notAuthor.statusCode).toBe(403);
    expect(notAuthor.json().code).toBe('NOT_THE_AUTHOR');
    expect((await patch('mate', { version: 3, text: 'Par une collègue' })).statusCode).toBe(403);
    const versions = await t.app.inject({
      method: 'GET',
      url: `/api/events/${first.id}/versions`,
      headers: headersOf('coordinatorA'),
    });
    expect(versions.statusCode).toBe(200);
    expect(
      versions.json<{ version: number; text: string; type: string }[]>().map((v) => [v.version, v.text, v.type]),
    ).toEqual([
      [3, 'Troisième version', 'interview'],
      [2, 'Deuxième version', 'phone_call'],
      [1, 'Première version', 'phone_call'],
    ]);
    const [current] = (await timeline('workerA1', personId)).items;
    expect(current).toMatchObject({ text: 'Troisième version', version: 3 });
  });

  it('soft-deletes: gone from every timeline, the row and its versions kept, the DPO sees that it existed', async () => {
    const personId = await newFile();
    const kept = (await log('workerA1', personId, { type: 'interview', text: 'Note gardée' })).json<EventView>();
    const gone = (
      await log('workerA1', personId, { type: 'interview', text: 'Note effacée par erreur' })
    ).json<EventView>();
    const byCoordinator = await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${gone.id}`,
      headers: bare('coordinatorA'),
    });
    expect(byCoordinator.statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/events/${gone.id}`, headers: bare('workerA1') });
    expect(del.statusCode).toBe(204);
    expect((await timeline('workerA1', personId)).items.map((e) => e.id)).toEqual([kept.id]);
    expect((await timeline('coordinatorA', personId)).items.map((e) => e.id)).toEqual([kept.id]);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/events/${gone.id}/versions`, headers: headersOf('workerA1') }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/events/${gone.id}`, headers: bare('workerA1') })).statusCode,
    ).toBe(404);
    const rows = await query<{ deleted_at: Date | null; deleted_by: string | null; versions: string }>(
      t.db.superuserUrl,
      `SELECT deleted_at, deleted_by, (SELECT count(*) FROM journal_event_version v WHERE v.event_id = e.id) AS versions
         FROM journal_event e WHERE id = $1`,
      [gone.id],
    );
    expect(rows[0].deleted_at).not.toBeNull();
    expect(rows[0].deleted_by).toBe(w.users.workerA1);
    expect(Number(rows[0].versions)).toBe(1);
    const forDpo = await t.app.inject({
      method: 'GET',
      url: `/api/persons/${personId}/deleted-events`,
      headers: headersOf('dpoA'),
    });
    expect(forDpo.statusCode).toBe(200);
    expect(forDpo.json()).toEqual([
      expect.objectContaining({ id: gone.id, authorId: w.users.workerA1, deletedBy: w.users.workerA1, versions: 1 }),
    ]);
    // Metadata only: the DPO reads no case content.
    expect(forDpo.body).not.toContain('effacée');
    expect(forDpo.json()[0]).not.toHaveProperty('text');
    // The runtime role cannot remove a note for good, nor rewrite its history.
    const app = new Client({ connectionString: t.db.appUrl });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.association_id', $1, true)`, [w.associationA]);
      const visible = await app.query('SELECT count(*)::int AS n FROM journal_event WHERE id = $1', [gone.id]);
      expect(visible.rows[0].n).toBe(1);
      for (const statement of [
        'DELETE FROM journal_event WHERE id = $1',
        'UPDATE journal_event_version SET edited_by = edited_by WHERE event_id = $1',
        'DELETE FROM journal_event_version WHERE event_id = $1',
      ]) {
        await app.query('SAVEPOINT s');
        await expect(app.query(statement, [gone.id])).rejects.toMatchObject({ code: '42501' });
        await app.query('ROLLBACK TO SAVEPOINT s');
      }
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });

  it("moves the file's last contact forward on a contact, never on a step without the person or in the future", async () => {
    const personId = await newFile();
    const lastContact = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/persons/${personId}`, headers: headersOf('workerA1') })).json<{
        lastContactAt: string | null;
        version: number;
      }>();
    const before = await lastContact();
    expect(before.lastContactAt).toBeNull();
    expect(
      (await log('workerA1', personId, { type: 'administrative_step', text: 'Dossier CAF envoyé' })).statusCode,
    ).toBe(201);
    expect((await lastContact()).lastContactAt).toBeNull();
    expect(
      (
        await log('workerA1', personId, {
          type: 'phone_call',
          text: 'Appel à la préfecture pour elle',
          attendees: ['partner'],
        })
      ).statusCode,
    ).toBe(201);
    expect((await lastContact()).lastContactAt).toBeNull();
    const twoDaysAgo = new Date(t.clock.now().getTime() - 2 * 86_400_000).toISOString();
    expect(
      (await log('workerA1', personId, { type: 'interview', text: 'Entretien', occurredAt: twoDaysAgo })).statusCode,
    ).toBe(201);
    expect((await lastContact()).lastContactAt).toBe(twoDaysAgo);
    const older = new Date(t.clock.now().getTime() - 5 * 86_400_000).toISOString();
    await log('workerA1', personId, {
      type: 'accompaniment',
      accompanimentPlace: 'hospital',
      text: 'Hôpital',
      occurredAt: older,
    });
    expect((await lastContact()).lastContactAt).toBe(twoDaysAgo);
    const future = await log('workerA1', personId, {
      type: 'interview',
      text: 'Pas encore eu lieu',
      occurredAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('OCCURRED_IN_FUTURE');
    const placeNotAccompaniment = await log('workerA1', personId, {
      type: 'interview',
      accompanimentPlace: 'court',
      text: 'x',
    });
    expect(placeNotAccompaniment.json().code).toBe('PLACE_ONLY_FOR_ACCOMPANIMENT');
    // The person's own version did not move: an edit open elsewhere does not conflict with a note.
    expect((await lastContact()).version).toBe(before.version);
    const now = await log('workerA1', personId, { type: 'premises_visit', text: 'Passage au local' });
    expect((await lastContact()).lastContactAt).toBe(now.json<{ occurredAt: string }>().occurredAt);
  });

  it('links a note to a goal of the same person’s pathway, and refuses another person’s goal', async () => {
    const a = await newFile();
    const b = await newFile();
    const post = (url: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url, headers: headersOf('workerA1'), payload: payload as object });
    const goalOf = async (personId: string) => {
      const pathway = (
        await post(`/api/persons/${personId}/pathways`, { kind: 'support', openedOn: '2026-01-02' })
      ).json<{
        id: string;
      }>();
      const goal = await post(`/api/pathways/${pathway.id}/goals`, { domain: 'housing', title: 'Logement stable' });
      expect(goal.statusCode).toBe(201);
      return goal.json<{ id: string }>().id;
    };
    const goalA = await goalOf(a);
    const goalB = await goalOf(b);
    const linked = await log('workerA1', a, { type: 'interview', text: 'Point logement', goalId: goalA });
    expect(linked.statusCode).toBe(201);
    expect(linked.json<{ goalId: string | null }>().goalId).toBe(goalA);
    const other = await log('workerA1', a, { type: 'interview', text: 'Point logement', goalId: goalB });
    expect(other.statusCode).toBe(400);
    expect(other.json<{ code: string }>().code).toBe('GOAL_NOT_FOUND');
    const unknown = await log('workerA1', a, { type: 'interview', text: 'Point', goalId: randomUUID() });
    expect(unknown.statusCode).toBe(400);
  });

  it('pages the timeline newest first and filters it by type', async () => {
    const personId = await newFile();
    for (let i = 0; i < 7; i++) {
      await log('workerA1', personId, {
        type: i % 2 ? 'phone_call' : 'interview',
        text: `Note ${i}`,
        occurredAt: new Date(t.clock.now().getTime() - (10 - i) * 3_600_000).toISOString(),
      });
    }
    const page1 = await t.app.inject({
      method: 'GET',
      url: `/api/persons/${personId}/events?pageSize=3&page=1`,
      headers: headersOf('workerA1'),
    });
    expect(page1.json()).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(page1.json<{ items: EventView[] }>().items.map((e) => e.text)).toEqual(['Note 6', 'Note 5', 'Note 4']);
    const page3 = await t.app.inject({
      method: 'GET',
      url: `/api/persons/${personId}/events?pageSize=3&page=3`,
      headers: headersOf('workerA1'),
    });
    expect(page3.json<{ items: EventView[] }>().items.map((e) => e.text)).toEqual(['Note 0']);
    const calls = await timeline('workerA1', personId, '&type=phone_call');
    expect(calls.items.map((e) => e.text)).toEqual(['Note 5', 'Note 3', 'Note 1']);
  });

  it('plans appointments: the file lists upcoming ones, the agenda those I organise or accompany', async () => {
    const personId = await newFile();
    const tomorrow = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const plan = (who: 'workerA1' | 'mate', payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/persons/${personId}/appointments`, headers: headersOf(who), payload });
    const made = await plan('mate', {
      startsAt: tomorrow,
      durationMinutes: 90,
      counterpart: 'administration',
      personAttends: true,
      place: 'Préfecture de Bobigny, guichet 4',
      purpose: 'Renouvellement du récépissé',
      accompaniedById: w.users.workerA1,
    });
    expect(made.statusCode).toBe(201);
    const appointment = made.json<{ id: string; version: number; place: string; organiserId: string }>();
    expect(appointment).toMatchObject({ place: 'Préfecture de Bobigny, guichet 4', organiserId: mate.id });
    const notAWorker = await plan('workerA1', {
      startsAt: tomorrow,
      durationMinutes: 30,
      counterpart: 'person',
      place: 'Local',
      purpose: 'Point',
      accompaniedById: w.users.adminA,
    });
    expect(notAWorker.json().code).toBe('ACCOMPANYING_NOT_A_WORKER');
    await plan('workerA1', {
      startsAt: new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString(),
      durationMinutes: 30,
      counterpart: 'person',
      place: 'Local',
      purpose: 'Point mensuel',
    });
    const upcoming = await t.app.inject({
      method: 'GET',
      url: `/api/persons/${personId}/appointments`,
      headers: headersOf('workerA1'),
    });
    expect(upcoming.json<{ purpose: string }[]>().map((a) => a.purpose)).toEqual([
      'Renouvellement du récépissé',
      'Point mensuel',
    ]);
    const week = (from: Date) =>
      `/api/agenda?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(new Date(from.getTime() + 7 * 86_400_000).toISOString())}`;
    const agenda = await t.app.inject({ method: 'GET', url: week(t.clock.now()), headers: headersOf('workerA1') });
    expect(agenda.statusCode).toBe(200);
    const mine = agenda.json<{ id: string; fileNumber: string; displayName: string }[]>();
    expect(mine.find((a) => a.id === appointment.id)).toMatchObject({ displayName: 'Testa Fictiva' });
    // Worker A2 neither organises nor accompanies it, and cannot see the file.
    const other = await t.app.inject({ method: 'GET', url: week(t.clock.now()), headers: headersOf('workerA2') });
    expect(other.json<{ id: string }[]>().map((a) => a.id)).not.toContain(appointment.id);
    const tooLong = await t.app.inject({
      method: 'GET',
      url: `/api/agenda?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z`,
      headers: headersOf('workerA1'),
    });
    expect(tooLong.json().code).toBe('AGENDA_RANGE_INVALID');
    const done = await t.app.inject({
      method: 'PATCH',
      url: `/api/appointments/${appointment.id}`,
      headers: headersOf('workerA1'),
      payload: { version: appointment.version, status: 'done' },
    });
    expect(done.json()).toMatchObject({ status: 'done', version: appointment.version + 1 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/appointments/${appointment.id}`,
      headers: headersOf('mate'),
      payload: { version: appointment.version, status: 'cancelled' },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('canary: note texts, their earlier versions and appointment places never appear in clear in a dump or the log', async () => {
    const personId = await newFile();
    const canaries: string[] = [];
    for (let i = 0; i < 20; i++) {
      const tag = `CanariNote${i.toString(36)}Zq${Math.random().toString(36).slice(2, 8)}`;
      const edited = `${tag}Edit`;
      const place = `${tag}Lieu`;
      canaries.push(tag, edited, place);
      const made = await log('workerA1', personId, { type: 'interview', text: `Elle raconte ${tag} en détail` });
      expect(made.statusCode).toBe(201);
      const { id, version } = made.json<EventView>();
      const edit = await t.app.inject({
        method: 'PATCH',
        url: `/api/events/${id}`,
        headers: headersOf('workerA1'),
        payload: { version, text: `Complété : ${edited}` },
      });
      expect(edit.statusCode).toBe(200);
      const appointment = await t.app.inject({
        method: 'POST',
        url: `/api/persons/${personId}/appointments`,
        headers: headersOf('workerA1'),
        payload: {
          startsAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
          durationMinutes: 60,
          counterpart: 'partner',
          place,
          purpose: `Rendez-vous ${tag}`,
        },
      });
      expect(appointment.statusCode).toBe(201);
    }
    // The API gives them back to who may read them: the canaries are real.
    const back = await timeline('workerA1', personId);
    expect(back.items.filter((e) => canaries.some((c) => e.text.includes(c)))).toHaveLength(20);
    const text = await dump(t);
    const logs = t.logLines.join('\n');
    expect(text).toContain('journal_event');
    const hits = canaries.filter((c) => text.includes(c) || logs.includes(c));
    expect(hits).toEqual([]);
  });
});
