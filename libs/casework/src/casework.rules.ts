import type { Attendee, Confidentiality, JournalEventType } from '@app/contracts';
import { addDaysIso, parisDay, type ReminderInput } from '@app/reminders';

/**
 * Journal events that are a contact with the person: they move the file's last contact (which
 * drives the "no contact for N days" reminder and the 2-year retention date, domain/psp.md). An
 * administrative step or an orientation is not a contact, nor is anything the person did not
 * attend (a call to the préfecture on their behalf). The API takes the person as present by default.
 */
const CONTACT_TYPES: ReadonlySet<JournalEventType> = new Set([
  'interview',
  'phone_call',
  'accompaniment',
  'premises_visit',
  'safety_incident',
]);

export function isContact(type: JournalEventType, attendees: readonly Attendee[]): boolean {
  return CONTACT_TYPES.has(type) && attendees.includes('person');
}

/** The file's new last contact: the later of the two; a future instant never counts. */
export function nextLastContact(current: Date | null, occurredAt: Date, now: Date): Date | null {
  if (occurredAt.getTime() > now.getTime()) return current;
  if (!current || occurredAt.getTime() > current.getTime()) return occurredAt;
  return current;
}

/** Clocks drift: a note dated a few minutes ahead of the server is still "now". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function occursInFuture(occurredAt: Date, now: Date): boolean {
  return occurredAt.getTime() - now.getTime() > FUTURE_TOLERANCE_MS;
}

/**
 * Who reads a note (the pure form of the SQL filter in casework.service.ts, which is what the API
 * enforces): the author always; the person's referent for `referent` and `team`; anyone who sees
 * the file (team, site coordinators, a break-the-glass grant) for `team`.
 */
export function mayReadNote(
  note: { confidentiality: Confidentiality; authorId: string },
  reader: { userId: string; isReferent: boolean; seesFile: boolean },
): boolean {
  if (!reader.seesFile) return false;
  if (note.authorId === reader.userId) return true;
  switch (note.confidentiality) {
    case 'team':
      return true;
    case 'referent':
      return reader.isReferent;
    case 'author':
      return false;
  }
}

/** The agenda's window: `from` before `to`, at most 62 days (two months of a week view at most). */
export const AGENDA_MAX_DAYS = 62;

export function validAgendaRange(from: Date, to: Date): boolean {
  const span = to.getTime() - from.getTime();
  return span > 0 && span <= AGENDA_MAX_DAYS * 86_400_000;
}

/**
 * The appointment's reminder, `leadDays` before its Paris calendar day (the association's setting;
 * domain/psp.md "Deadlines Envol raises": 1 day), while it is planned.
 */
export function appointmentReminders(
  appointment: { personId: string; startsAt: Date; status: string },
  person: { referentId: string | null; siteId: string },
  leadDays: number,
): ReminderInput[] {
  if (appointment.status !== 'planned') return [];
  const day = parisDay(appointment.startsAt);
  return [
    {
      key: 'appointment',
      kind: 'appointment',
      dueOn: addDaysIso(day, -leadDays),
      deadlineOn: day,
      personId: appointment.personId,
      assignee: { kind: 'referent', userId: person.referentId, siteId: person.siteId },
    },
  ];
}
