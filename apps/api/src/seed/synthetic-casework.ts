import type { AuditService } from '@app/audit';
import {
  ACCOMPANIMENT_PLACES,
  APPOINTMENT_COUNTERPARTS,
  type AppointmentCounterpart,
  type JournalEventType,
  type PathwayEndReason,
  type PathwayState,
} from '@app/contracts';
import { personReminders } from '@app/people';
import { PathwaysService, plusDays, plusMonths, type NewPathwayEvent } from '@app/pathways';
import { FieldCipher, type RequestContext } from '@app/platform';
import { RemindersService, type ReminderInput } from '@app/reminders';
import type { PersonStatus } from '@app/contracts';

/** The generator of synthetic.ts (`Random`), as this module uses it. */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T;
  chance(p: number): boolean;
  uuid(): string;
}

/** What this module reads of a synthetic person (synthetic.ts `PersonRow`). */
export interface PersonRow {
  id: string;
  siteId: string;
  teamId: string;
  referentId: string;
  status: PersonStatus;
  safeContact: { neverCall: boolean; hours: string | null };
  lastContactAt: Date | null;
  createdAt: Date;
}

/**
 * What the casework, reminders and pathways features store for a synthetic person, drawn from the
 * same generator as the person and written in bulk (journal, appointments, reminders) or through
 * the pathways service (pathways: the service keeps their many invariants).
 */

/** Not contacts (libs/casework `isContact`): they leave the last contact as it is. */
const OTHER_TYPES: readonly JournalEventType[] = ['administrative_step', 'orientation', 'other'];
/** Contacts when the person attends: interview, phone call, accompaniment, visit, incident. */
const CONTACT_WEIGHTS: Readonly<Partial<Record<JournalEventType, number>>> = {
  interview: 40,
  phone_call: 30,
  accompaniment: 20,
  premises_visit: 8,
  safety_incident: 2,
};
const NOTES = [
  'Entretien de suivi : point sur les démarches en cours et les prochains rendez-vous.',
  'Appel pour confirmer le rendez-vous à la préfecture ; documents à réunir listés ensemble.',
  'Accompagnement physique, attente longue, dossier déposé.',
  'Point logement : demande SIAO relancée, réponse attendue.',
  'Orientation vers le CMP, premier rendez-vous pris.',
  'Échange sur la formation linguistique, inscription à l’atelier du mardi.',
  'Point sur l’AFIS et l’ouverture du compte bancaire.',
  'Visite dans les locaux, temps d’accueil et café.',
];
const PURPOSES = ['Rendez-vous préfecture', 'Consultation médicale', 'Entretien de suivi', 'Atelier', 'Banque'];
const PLACES = ['Préfecture', 'Hôpital', 'Locaux de l’association', 'Agence bancaire', 'Tribunal judiciaire'];

export interface EventRow {
  id: string;
  versionId: string;
  personId: string;
  type: JournalEventType;
  accompanimentPlace: string | null;
  occurredAt: Date;
  durationMinutes: number | null;
  attendees: string[];
  text: string;
  confidentiality: string;
  authorId: string;
}

export interface AppointmentRow {
  id: string;
  personId: string;
  startsAt: Date;
  durationMinutes: number;
  counterpart: AppointmentCounterpart;
  personAttends: boolean;
  details: { place: string; purpose: string };
  organiserId: string;
  status: string;
}

const DAY = 86_400_000;

/**
 * `count` journal events of one person. When the person has a last contact, one contact note is
 * dated exactly then and the others before, so `person.last_contact_at` stays the latest contact
 * note; without one, only notes that are not contacts.
 */
export function drawEvents(random: Random, now: Date, person: PersonRow, count: number): EventRow[] {
  const events: EventRow[] = [];
  const latest = person.lastContactAt ?? now;
  for (let i = 0; i < count; i++) {
    const contact = person.lastContactAt !== null && (i === 0 || random.chance(0.7));
    const type = contact
      ? random.weighted(CONTACT_WEIGHTS as Record<JournalEventType, number>)
      : random.pick(OTHER_TYPES);
    const span = Math.max(0, latest.getTime() - person.createdAt.getTime());
    const occurredAt =
      i === 0 && person.lastContactAt
        ? person.lastContactAt
        : new Date(person.createdAt.getTime() + Math.floor(random.next() * span));
    events.push({
      id: random.uuid(),
      versionId: random.uuid(),
      personId: person.id,
      type,
      accompanimentPlace: type === 'accompaniment' ? random.pick(ACCOMPANIMENT_PLACES) : null,
      occurredAt,
      durationMinutes: type === 'phone_call' ? random.int(5, 30) : random.int(15, 120),
      attendees: contact ? ['person', ...(random.chance(0.15) ? ['interpreter'] : [])] : [],
      text: random.pick(NOTES),
      confidentiality: random.weighted({ team: 90, referent: 8, author: 2 }),
      authorId: person.referentId,
    });
  }
  return events;
}

/** One to three appointments: past ones done, missed or cancelled, future ones planned. */
export function drawAppointments(random: Random, now: Date, person: PersonRow): AppointmentRow[] {
  const rows: AppointmentRow[] = [];
  for (let i = random.int(1, 3); i > 0; i--) {
    const startsAt = new Date(
      Math.max(person.createdAt.getTime(), now.getTime() + random.int(-120, 45) * DAY) -
        (now.getTime() % (15 * 60_000)) +
        random.int(9, 17) * 3_600_000,
    );
    const past = startsAt.getTime() < now.getTime();
    const counterpart = random.pick(APPOINTMENT_COUNTERPARTS);
    rows.push({
      id: random.uuid(),
      personId: person.id,
      startsAt,
      durationMinutes: random.pick([30, 45, 60, 90, 120]),
      counterpart,
      personAttends: counterpart === 'person' ? true : random.chance(0.8),
      details: { place: random.pick(PLACES), purpose: random.pick(PURPOSES) },
      organiserId: person.referentId,
      status: past ? random.weighted({ done: 80, missed: 12, cancelled: 8 }) : 'planned',
    });
  }
  return rows;
}

/** Events (with their version 1) and appointments of one batch, each table in one statement. */
export async function insertCasework(
  ctx: RequestContext,
  cipher: FieldCipher,
  associationId: string,
  events: EventRow[],
  appointments: AppointmentRow[],
  recordedAt: Date,
): Promise<number> {
  const { manager } = ctx;
  if (events.length > 0) {
    const texts: Buffer[] = [];
    const versionTexts: Buffer[] = [];
    for (const e of events) {
      texts.push(await cipher.encryptText(ctx, { table: 'journal_event', column: 'text', rowId: e.id }, e.text));
      versionTexts.push(
        await cipher.encryptText(ctx, { table: 'journal_event_version', column: 'text', rowId: e.versionId }, e.text),
      );
    }
    const column = <T>(pick: (e: EventRow) => T) => events.map(pick);
    const metadata = [
      column((e) => e.type),
      column((e) => e.accompanimentPlace),
      column((e) => e.occurredAt),
      column((e) => e.durationMinutes),
      column((e) => `{${e.attendees.join(',')}}`),
      column((e) => e.confidentiality),
      column((e) => e.authorId),
    ];
    await manager.query(
      `INSERT INTO journal_event (id, association_id, person_id, type, accompaniment_place, occurred_at,
          duration_minutes, attendees, text, goal_id, confidentiality, author_id, created_at, updated_at, version)
       SELECT id, $1, person_id, type, place, occurred_at, duration, attendees::varchar[], text, NULL, confidentiality,
          author_id, occurred_at, occurred_at, 1
         FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::timestamptz[], $7::smallint[],
                     $8::text[], $9::varchar[], $10::uuid[], $11::bytea[])
           AS t(id, person_id, type, place, occurred_at, duration, attendees, confidentiality, author_id, text)`,
      [associationId, column((e) => e.id), column((e) => e.personId), ...metadata, texts],
    );
    await manager.query(
      `INSERT INTO journal_event_version (id, association_id, event_id, version, type, accompaniment_place, occurred_at,
          duration_minutes, attendees, text, goal_id, confidentiality, edited_by, recorded_at)
       SELECT id, $1, event_id, 1, type, place, occurred_at, duration, attendees::varchar[], text, NULL, confidentiality,
          author_id, occurred_at
         FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::timestamptz[], $7::smallint[],
                     $8::text[], $9::varchar[], $10::uuid[], $11::bytea[])
           AS t(id, event_id, type, place, occurred_at, duration, attendees, confidentiality, author_id, text)`,
      [associationId, column((e) => e.versionId), column((e) => e.id), ...metadata, versionTexts],
    );
  }
  if (appointments.length > 0) {
    const details: Buffer[] = [];
    for (const a of appointments) {
      details.push(
        await cipher.encryptText(
          ctx,
          { table: 'appointment', column: 'details', rowId: a.id },
          JSON.stringify(a.details),
        ),
      );
    }
    const column = <T>(pick: (a: AppointmentRow) => T) => appointments.map(pick);
    await manager.query(
      `INSERT INTO appointment (id, association_id, person_id, starts_at, duration_minutes, counterpart, person_attends,
          details, organiser_id, accompanied_by, status, created_at, updated_at, version)
       SELECT id, $1, person_id, starts_at, duration, counterpart, attends, details, organiser_id, NULL, status, $11, $11, 1
         FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::smallint[], $6::varchar[], $7::boolean[],
                     $8::bytea[], $9::uuid[], $10::varchar[])
           AS t(id, person_id, starts_at, duration, counterpart, attends, details, organiser_id, status)`,
      [
        associationId,
        column((a) => a.id),
        column((a) => a.personId),
        column((a) => a.startsAt),
        column((a) => a.durationMinutes),
        column((a) => a.counterpart),
        column((a) => a.personAttends),
        details,
        column((a) => a.organiserId),
        column((a) => a.status),
        recordedAt,
      ],
    );
  }
  return events.length * 2 + appointments.length;
}

export interface ReminderRow {
  id: string;
  personId: string;
  siteId: string | null;
  kind: string;
  key: string;
  sourceKind: string;
  sourceId: string;
  dueOn: string;
  deadlineOn: string | null;
  assigneeUserId: string | null;
  assigneeRole: string | null;
  followsReferent: boolean;
  contact: Buffer | null;
  status: 'pending' | 'done' | 'cancelled';
  doneAt: Date | null;
  doneBy: string | null;
}

/**
 * One reminder row as `RemindersService.upsertForSource` writes it for `input` (the assignee
 * columns, the contact constraint encrypted), pending unless `closed` says how it ended.
 */
export async function reminderRow(
  ctx: RequestContext,
  cipher: FieldCipher,
  id: string,
  source: { kind: string; id: string },
  input: ReminderInput & { personId: string },
  closed: { status: 'done'; at: Date; by: string | null } | { status: 'cancelled' } | null = null,
): Promise<ReminderRow> {
  const a = input.assignee;
  return {
    id,
    personId: input.personId,
    siteId: a.siteId,
    kind: input.kind,
    key: input.key,
    sourceKind: source.kind,
    sourceId: source.id,
    dueOn: input.dueOn,
    deadlineOn: input.deadlineOn ?? null,
    assigneeUserId: a.kind === 'referent' ? a.userId : null,
    assigneeRole: a.kind === 'role' ? a.role : a.userId ? null : 'coordinator',
    followsReferent: a.kind === 'referent',
    contact: input.contact
      ? await cipher.encryptText(
          ctx,
          { table: 'reminder', column: 'contact', rowId: id },
          JSON.stringify(input.contact),
        )
      : null,
    status: closed?.status ?? 'pending',
    doneAt: closed?.status === 'done' ? closed.at : null,
    doneBy: closed?.status === 'done' ? closed.by : null,
  };
}

/** Reminder rows of one batch, in one statement. */
export async function insertReminderRows(
  ctx: RequestContext,
  associationId: string,
  rows: readonly ReminderRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const column = <T>(pick: (r: ReminderRow) => T) => rows.map(pick);
  await ctx.manager.query(
    `INSERT INTO reminder (id, association_id, person_id, site_id, kind, key, source_kind, source_id, due_on, deadline_on,
        assignee_user_id, assignee_role, status, done_at, done_by, follows_referent, deliveries, contact, created_at,
        updated_at, version)
     SELECT id, $1, person_id, site_id, kind, key, source_kind, source_id, due_on, deadline_on, assignee_user_id,
        assignee_role, status, done_at, done_by, follows_referent, 0, contact, $18, $18, 1
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::varchar[], $6::varchar[], $7::varchar[], $8::uuid[],
                   $9::date[], $10::date[], $11::uuid[], $12::varchar[], $13::varchar[], $14::timestamptz[],
                   $15::uuid[], $16::boolean[], $17::bytea[])
         AS t(id, person_id, site_id, kind, key, source_kind, source_id, due_on, deadline_on, assignee_user_id,
              assignee_role, status, done_at, done_by, follows_referent, contact)`,
    [
      associationId,
      column((r) => r.id),
      column((r) => r.personId),
      column((r) => r.siteId),
      column((r) => r.kind),
      column((r) => r.key),
      column((r) => r.sourceKind),
      column((r) => r.sourceId),
      column((r) => r.dueOn),
      column((r) => r.deadlineOn),
      column((r) => r.assigneeUserId),
      column((r) => r.assigneeRole),
      column((r) => r.status),
      column((r) => r.doneAt),
      column((r) => r.doneBy),
      column((r) => r.followsReferent),
      column((r) => r.contact),
      ctx.now,
    ],
  );
  return rows.length;
}

/**
 * The two reminders the people lib raises for each file (`personReminders`: no contact, retention
 * review), with the contact constraint encrypted as the reminder store does; one statement.
 */
export async function insertPersonReminders(
  ctx: RequestContext,
  cipher: FieldCipher,
  random: Random,
  associationId: string,
  noContactDays: number,
  people: PersonRow[],
): Promise<number> {
  const rows: ReminderRow[] = [];
  // The association's retention lead time, as the people lib reads it.
  const [{ retention_years: retentionYears }] = await ctx.manager.query<{ retention_years: number }[]>(
    'SELECT retention_years FROM association WHERE id = $1',
    [associationId],
  );
  for (const person of people) {
    const inputs = personReminders(
      { ...person, status: person.status },
      { noContactDays, retentionYears },
      { neverCall: person.safeContact.neverCall, hours: person.safeContact.hours },
    );
    for (const input of inputs) {
      rows.push(
        await reminderRow(
          ctx,
          cipher,
          random.uuid(),
          { kind: 'person', id: person.id },
          {
            ...input,
            personId: person.id,
          },
        ),
      );
    }
  }
  return insertReminderRows(ctx, associationId, rows);
}

/** Every state a pathway can be in, weighted roughly as a year of an association's files. */
const PATHWAY_STATES: Readonly<Record<PathwayState | 'authorised_2' | 'authorised_3' | 'authorised_4', number>> = {
  open: 10,
  closed: 4,
  preparation: 8,
  submitted: 8,
  commission_opinion: 6,
  authorised: 14,
  authorised_2: 8,
  authorised_3: 5,
  authorised_4: 4,
  renewal_submitted: 6,
  refused: 4,
  appeal: 3,
  refused_final: 3,
  abandoned: 4,
  withdrawn: 3,
  ended: 6,
};

interface PathwayPlan {
  kind: 'support' | 'psp';
  opened: string;
  steps: NewPathwayEvent[];
}

/**
 * The steps that lead to `state`, dated forward from day 0 (as offsets), then shifted so the last
 * one falls a few days to a few weeks before today. Renewals are asked 4 months into a period and
 * granted within it, as the rules require.
 */
export function planPathway(random: Random, today: string): PathwayPlan {
  const target = random.weighted(PATHWAY_STATES);
  const kind = target === 'open' || target === 'closed' ? 'support' : 'psp';
  const steps: NewPathwayEvent[] = [];
  let day = '2000-01-03';
  const opened = day;
  const at = (days: number) => (day = plusDays(day, days));
  const authorised = (periods: number) => {
    steps.push({ kind: 'submit', on: at(random.int(3, 30)) });
    steps.push({ kind: 'opinion', on: at(random.int(20, 45)), opinion: 'favourable' });
    steps.push({ kind: 'authorise', on: at(random.int(5, 20)) });
    let periodStart = day;
    for (let n = 2; n <= periods; n++) {
      steps.push({ kind: 'submit_renewal', on: (day = plusDays(periodStart, random.int(110, 125))) });
      steps.push({ kind: 'opinion', on: at(random.int(10, 20)), opinion: 'favourable' });
      steps.push({ kind: 'authorise', on: at(random.int(5, 15)) });
      periodStart = plusMonths(periodStart, 6);
    }
    return periodStart;
  };
  const refused = () => {
    steps.push({ kind: 'submit', on: at(random.int(3, 30)) });
    steps.push({ kind: 'opinion', on: at(random.int(20, 45)), opinion: 'unfavourable' });
    const on = at(random.int(5, 20));
    steps.push({ kind: 'refuse', on, notifiedOn: plusDays(on, random.int(1, 5)) });
    day = plusDays(on, 5);
  };
  const endReasons: PathwayEndReason[] = ['lost_contact', 'withdrawn_by_person', 'moved_departement'];
  switch (target) {
    case 'open':
    case 'preparation':
      break;
    case 'closed':
      steps.push({ kind: 'close', on: at(random.int(30, 300)) });
      break;
    case 'submitted':
      steps.push({ kind: 'submit', on: at(random.int(3, 30)) });
      break;
    case 'commission_opinion':
      steps.push({ kind: 'submit', on: at(random.int(3, 30)) });
      steps.push({ kind: 'opinion', on: at(random.int(20, 45)), opinion: 'favourable' });
      break;
    case 'authorised':
    case 'authorised_2':
    case 'authorised_3':
    case 'authorised_4':
      authorised(target === 'authorised' ? 1 : Number(target.slice(-1)));
      break;
    case 'renewal_submitted': {
      const start = authorised(random.int(1, 3));
      steps.push({ kind: 'submit_renewal', on: (day = plusDays(start, random.int(110, 125))) });
      break;
    }
    case 'refused':
      refused();
      break;
    case 'appeal':
    case 'refused_final':
      refused();
      steps.push({ kind: 'appeal', on: at(random.int(5, 40)) });
      if (target === 'refused_final') steps.push({ kind: 'appeal_rejected', on: at(random.int(30, 90)) });
      break;
    case 'abandoned':
      steps.push({ kind: 'abandon', on: at(random.int(5, 60)) });
      break;
    case 'withdrawn':
      steps.push({ kind: 'submit', on: at(random.int(3, 30)) });
      steps.push({ kind: 'withdraw', on: at(random.int(10, 60)) });
      break;
    case 'ended':
      authorised(random.int(1, 2));
      steps.push({ kind: 'end', on: at(random.int(20, 90)), endReason: random.pick(endReasons) });
      break;
  }
  // Day 0 moves so that the last step is 3 to 40 days ago (whole months keep the periods' arithmetic).
  const last = steps.at(-1)?.on ?? opened;
  const latest = plusDays(today, -random.int(3, 40));
  let months = 0;
  while (plusMonths(last, months + 1) <= latest) months++;
  const shift = (d: string) => plusMonths(d, months);
  const shifted = steps.map((s) => ({
    ...s,
    on: shift(s.on),
    ...(s.notifiedOn ? { notifiedOn: shift(s.notifiedOn) } : {}),
  }));
  return { kind, opened: shift(opened), steps: shifted };
}

/**
 * Pathways for `people`, through the pathways service as their referent (who may record them), one
 * transaction per referent. Not audited: seeded history is no one's action.
 */
export async function seedPathways(
  tx: <T>(actor: { userId: string; teamId: string }, work: (ctx: RequestContext) => Promise<T>) => Promise<T>,
  cipher: FieldCipher,
  random: Random,
  today: string,
  people: PersonRow[],
): Promise<number> {
  const noAudit = { record: () => Promise.resolve() } as unknown as AuditService;
  // With the reminder store: the pathways' deadlines are seeded as reminders, as the service raises them.
  const service = new PathwaysService(cipher, noAudit, new RemindersService(cipher));
  const byReferent = new Map<string, PersonRow[]>();
  for (const person of people)
    byReferent.set(person.referentId, [...(byReferent.get(person.referentId) ?? []), person]);
  let rows = 0;
  for (const [, group] of byReferent) {
    const plans = group.map((person) => ({ person, plan: planPathway(random, today) }));
    rows += await tx({ userId: group[0].referentId, teamId: group[0].teamId }, async (ctx) => {
      let written = 0;
      for (const { person, plan } of plans) {
        const pathway = await service.open(ctx, person.id, { kind: plan.kind, openedOn: plan.opened });
        for (const step of plan.steps) await service.record(ctx, pathway.id, step);
        written += 1 + plan.steps.length;
      }
      return written;
    });
  }
  return rows;
}
