import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  DocumentView,
  JournalEventView,
  Paged,
  PathwayView,
  PersonFile,
  PersonSummary,
  ReferralView,
  ReminderView,
} from '@app/contracts';
import { FolderStorage } from '@app/documents';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ownerDataSource } from '../../apps/api/src/database';
import { drawPerson, Random, seedSynthetic, type SyntheticResult } from '../../apps/api/src/seed/synthetic';
import { drawDocuments, drawReferral, syntheticDocumentContent } from '../../apps/api/src/seed/synthetic-documents';
import { cookieFrom } from '../support/accounts';
import { sql } from '../support/sql';
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
      eventsPerPerson: 3,
      pathwayShare: 0.25,
      // The folder the API under test reads its documents from.
      storage: new FolderStorage(t.storageDir),
      documentShare: 0.2,
      referralShare: 0.2,
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

  /** Rows of the first association, read as the owner with the tenant set. */
  const inFirst = <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    owner.transaction(async (m) => {
      await m.query(`SELECT set_config('app.association_id', $1, true)`, [seeded.associations[0].id]);
      return m.query<T[]>(sql, params);
    });
  const workerSignIn = (userId: string) =>
    signIn(seeded.associations[0].workers.find((w) => w.userId === userId)!.email);

  it('writes journal events, their first version and the last contact they imply', async () => {
    expect(seeded.counts.events).toBe(1200);
    const [versions] = await inFirst<{ events: number; versions: number; inconsistent: number }>(
      `SELECT (SELECT count(*)::int FROM journal_event) AS events,
              (SELECT count(*)::int FROM journal_event_version v JOIN journal_event e ON e.id = v.event_id AND v.version = 1) AS versions,
              (SELECT count(*)::int FROM person p
                WHERE p.last_contact_at IS DISTINCT FROM (
                  SELECT max(e.occurred_at) FROM journal_event e
                   WHERE e.person_id = p.id AND 'person' = ANY(e.attendees)
                     AND e.type IN ('interview', 'phone_call', 'accompaniment', 'premises_visit', 'safety_incident'))
              ) AS inconsistent`,
    );
    expect(versions.events).toBeGreaterThan(0);
    expect(versions.versions).toBe(versions.events);
    expect(versions.inconsistent).toBe(0);

    // The referent reads the notes decrypted, through the API.
    const [person] = await inFirst<{ id: string; referent_id: string; n: number }>(
      `SELECT p.id, p.referent_id, count(*)::int AS n FROM person p JOIN journal_event e ON e.person_id = p.id
        GROUP BY p.id ORDER BY p.file_number LIMIT 1`,
    );
    const cookie = await workerSignIn(person.referent_id);
    const journal = await t.app.inject({ method: 'GET', url: `/api/persons/${person.id}/events`, headers: { cookie } });
    expect(journal.statusCode).toBe(200);
    const page = journal.json<Paged<JournalEventView>>();
    expect(page.total).toBe(person.n);
    for (const event of page.items) expect(event.text).toMatch(/^[A-ZÉ][^]{20,}\.$/);
  });

  it('opens pathways in every state through the pathways service, read back through the API', async () => {
    const rows = await inFirst<{ id: string; person_id: string; referent_id: string; state: string; closed: boolean }>(
      `SELECT w.id, w.person_id, p.referent_id, w.state, w.closed_on IS NOT NULL AS closed
         FROM pathway w JOIN person p ON p.id = w.person_id ORDER BY p.file_number`,
    );
    expect(rows.length).toBeGreaterThan(10);
    const terminal = ['closed', 'abandoned', 'withdrawn', 'refused_final', 'ended'];
    for (const row of rows) expect(row.closed).toBe(terminal.includes(row.state));
    expect(new Set(rows.map((r) => r.state)).size).toBeGreaterThanOrEqual(6);
    const psp = rows.find((r) => r.state === 'authorised') ?? rows[0];
    const cookie = await workerSignIn(psp.referent_id);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/persons/${psp.person_id}/pathways`,
      headers: { cookie },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json<PathwayView[]>().map((w) => [w.id, w.state])).toContainEqual([psp.id, psp.state]);
  });

  it('raises the two reminders of each file, the contact constraint readable by the referent', async () => {
    const [counts] = await inFirst<{ reminders: number; expected: number; appointments: number }>(
      `SELECT (SELECT count(*)::int FROM reminder WHERE source_kind = 'person') AS reminders,
              (SELECT count(*)::int + count(*) FILTER (WHERE status <> 'closed')::int FROM person) AS expected,
              (SELECT count(*)::int FROM appointment) AS appointments`,
    );
    expect(counts.reminders).toBe(counts.expected);
    expect(counts.appointments).toBeGreaterThan(0);
    const [due] = await inFirst<{ id: string; assignee_user_id: string }>(
      `SELECT id, assignee_user_id FROM reminder WHERE kind = 'no_contact' ORDER BY due_on, id LIMIT 1`,
    );
    const cookie = await workerSignIn(due.assignee_user_id);
    const mine = await t.app.inject({ method: 'GET', url: '/api/reminders', headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    const item = mine
      .json<{ items: { id: string; kind: string; contact: { neverCall: boolean } | null }[] }>()
      .items.find((r) => r.id === due.id);
    expect(item?.kind).toBe('no_contact');
    expect(typeof item?.contact?.neverCall).toBe('boolean');
  });

  it('gives each association a partner directory and a year of anonymous outreach sessions', async () => {
    const [first] = seeded.associations;
    const cookie = await signIn(first.coordinators[0].email);
    const partners = await t.app.inject({ method: 'GET', url: '/api/partners', headers: { cookie } });
    expect(partners.statusCode).toBe(200);
    expect(new Set(partners.json<{ kind: string }[]>().map((p) => p.kind)).size).toBe(9);
    const outreach = await t.app.inject({
      method: 'GET',
      url: '/api/outreach-sessions?pageSize=100',
      headers: { cookie },
    });
    expect(outreach.statusCode).toBe(200);
    const sessions = outreach.json<{
      items: { tallies: { peopleMet: number; newContacts: number } }[];
      total: number;
    }>();
    expect(sessions.total).toBeGreaterThanOrEqual(24);
    expect(sessions.items.every((x) => x.tallies.newContacts <= x.tallies.peopleMet)).toBe(true);
    expect(sessions.items.every((x) => x.tallies.peopleMet > 0)).toBe(true);
  });

  it('stores documents encrypted in the API’s storage folder; a download decrypts them to the bytes written', async () => {
    const rows = await sql<{
      id: string;
      person_id: string;
      referent_id: string;
      kind: string;
      media_type: string;
      storage_key: string;
      file_name: Buffer;
    }>(
      t.db.superuserUrl,
      `SELECT d.id, d.person_id, p.referent_id, d.kind, d.media_type, d.storage_key, d.file_name
         FROM document d JOIN person p ON p.id = d.person_id WHERE d.association_id = $1 ORDER BY d.id`,
      [seeded.associations[0].id],
    );
    const [{ total }] = await sql<{ total: number }>(t.db.superuserUrl, 'SELECT count(*)::int AS total FROM document');
    expect(seeded.counts.documents).toBe(total);
    // About 20 % of 400 persons, one or two documents each.
    expect(total).toBeGreaterThan(50);
    expect(new Set(rows.map((r) => r.media_type))).toEqual(new Set(['application/pdf', 'image/png']));

    for (const mediaType of ['application/pdf', 'image/png']) {
      const row = rows.find((r) => r.media_type === mediaType)!;
      const cookie = await workerSignIn(row.referent_id);
      const list = await t.app.inject({
        method: 'GET',
        url: `/api/persons/${row.person_id}/documents`,
        headers: { cookie },
      });
      expect(list.statusCode).toBe(200);
      const view = list.json<DocumentView[]>().find((d) => d.id === row.id)!;
      expect(view.fileName).toMatch(/^[a-z-]+-\d\.(pdf|png)$/);
      const download = await t.app.inject({
        method: 'GET',
        url: `/api/persons/${row.person_id}/documents/${row.id}/content`,
        headers: { cookie },
      });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe(mediaType);
      const written = syntheticDocumentContent(view);
      expect(download.rawPayload.equals(written)).toBe(true);
      expect(view.sizeBytes).toBe(written.length);
      // At rest, in the folder the API reads: neither the content nor the name in the clear.
      const blob = readFileSync(join(t.storageDir, row.storage_key.slice(0, 2), `${row.storage_key}.bin`));
      expect(blob.length).toBeGreaterThan(written.length);
      expect(blob.includes(written.subarray(0, 24))).toBe(false);
      expect(row.file_name.includes(view.fileName)).toBe(false);
    }

    // Each document with an expiry date raised its reminder, to the file's referent.
    const [expiry] = await sql<{ dated: number; reminders: number; misassigned: number }>(
      t.db.superuserUrl,
      `SELECT (SELECT count(*)::int FROM document WHERE expires_on IS NOT NULL) AS dated,
              (SELECT count(*)::int FROM reminder WHERE source_kind = 'document' AND kind = 'document_expiry') AS reminders,
              (SELECT count(*)::int FROM reminder r JOIN person p ON p.id = r.person_id
                WHERE r.source_kind = 'document' AND r.assignee_user_id IS DISTINCT FROM p.referent_id) AS misassigned`,
    );
    expect(expiry.dated).toBeGreaterThan(0);
    expect(expiry.reminders).toBe(expiry.dated);
    expect(expiry.misassigned).toBe(0);
  });

  it('seeds referrals the consent ledger covers, read through the API, whose follow-ups the service then moves', async () => {
    const [ledger] = await sql<{ referrals: number; uncovered: number; partnerless: number }>(
      t.db.superuserUrl,
      `SELECT (SELECT count(*)::int FROM referral) AS referrals,
              (SELECT count(*)::int FROM referral r JOIN partner p ON p.id = r.partner_id
                WHERE NOT EXISTS (
                  SELECT 1 FROM consent c WHERE c.person_id = r.person_id AND c.given
                     AND (c.purpose = 'share_' || p.kind
                          OR (c.purpose = 'share_partner' AND c.partner_id = r.partner_id)
                          OR (r.pseudonymous AND c.purpose = 'share_pseudonymous')))) AS uncovered,
              (SELECT count(*)::int FROM consent
                WHERE (purpose = 'share_partner') <> (partner_id IS NOT NULL)) AS partnerless`,
    );
    expect(seeded.counts.referrals).toBe(ledger.referrals);
    expect(ledger.referrals).toBeGreaterThan(40);
    expect(ledger.uncovered).toBe(0);
    expect(ledger.partnerless).toBe(0);

    // The follow-up reminders as the service leaves them: open while the referral is, done at its end.
    const states = await sql<{ outcome: string; status: string | null; n: number }>(
      t.db.superuserUrl,
      `SELECT r.outcome, m.status, count(*)::int AS n FROM referral r
         LEFT JOIN reminder m ON m.source_kind = 'referral' AND m.source_id = r.id
        WHERE r.follow_up_on IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const expected: Record<string, string> = {
      pending: 'pending',
      accepted: 'pending',
      completed: 'done',
      refused: 'done',
      no_show: 'done',
      cancelled: 'cancelled',
    };
    for (const state of states) expect([state.outcome, state.status]).toEqual([state.outcome, expected[state.outcome]]);
    expect(states.some((s) => s.status === 'pending')).toBe(true);
    const [unfollowed] = await sql<{ n: number }>(
      t.db.superuserUrl,
      `SELECT count(*)::int AS n FROM reminder m JOIN referral r ON r.id = m.source_id
        WHERE m.source_kind = 'referral' AND r.follow_up_on IS NULL`,
    );
    expect(unfollowed.n).toBe(0);

    // The referent reads an open one decrypted, sees its reminder, and records its outcome.
    const [open] = await inFirst<{ id: string; person_id: string; referent_id: string; follow_up_on: string }>(
      `SELECT r.id, r.person_id, p.referent_id, r.follow_up_on::text FROM referral r JOIN person p ON p.id = r.person_id
        WHERE r.outcome = 'pending' AND r.follow_up_on IS NOT NULL ORDER BY r.id LIMIT 1`,
    );
    const cookie = await workerSignIn(open.referent_id);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/persons/${open.person_id}/referrals`,
      headers: { cookie },
    });
    expect(list.statusCode).toBe(200);
    const referral = list.json<ReferralView[]>().find((r) => r.id === open.id)!;
    expect(referral).toMatchObject({ outcome: 'pending', followUpOn: open.follow_up_on });
    expect(referral.partnerName).toMatch(/\(synthétique\)$/);
    expect(referral.reason).toMatch(/^[A-ZÉ].{10,}\.$/);
    const reminders = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/persons/${open.person_id}/reminders`, headers: { cookie } }))
        .json<{ items: ReminderView[] }>()
        .items.filter((r) => r.sourceId === open.id)
        .map((r) => [r.kind, r.dueOn, r.status]);
    expect(await reminders()).toEqual([['referral_follow_up', open.follow_up_on, 'pending']]);
    const completed = await t.app.inject({
      method: 'PATCH',
      url: `/api/persons/${open.person_id}/referrals/${open.id}`,
      headers: { cookie, 'x-csrf-token': await csrf(cookie) },
      payload: { outcome: 'completed', version: referral.version },
    });
    expect(completed.statusCode).toBe(200);
    expect(await reminders()).toEqual([['referral_follow_up', open.follow_up_on, 'done']]);
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
    // Documents and referrals too.
    const partners = seeded.associations[0].partners;
    const caseFiles = (seed: number) => {
      const random = new Random(seed);
      const now = new Date('2026-06-01T10:00:00Z');
      return draw(seed).map((person) => ({
        documents: drawDocuments(random, now, person),
        referral: drawReferral(random, now, person, partners),
      }));
    };
    expect(caseFiles(3)).toEqual(caseFiles(3));
    expect(caseFiles(3)).not.toEqual(caseFiles(4));
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
