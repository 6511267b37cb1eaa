import { TZDate } from '@date-fns/tz';
import { addYears, differenceInYears, format, parseISO } from 'date-fns';
import type { PersonIdentity } from '@app/contracts';
import { addDaysIso, parisDay, type ContactConstraint, type ReminderInput } from '@app/reminders';

const ZONE = 'Europe/Paris';

/** Readable and unique per association: site code, year, sequence (PAR-2026-0042). */
export function formatFileNumber(siteCode: string, year: number, sequence: number): string {
  return `${siteCode}-${year}-${String(sequence).padStart(4, '0')}`;
}

export const FILE_NUMBER = /^[A-Z0-9]{2,8}-\d{4}-\d{4,}$/;

/** The year in Paris at this instant (a file opened at 00:30 on 1 January belongs to the new year). */
export function parisYear(now: Date): number {
  return new TZDate(now, ZONE).getFullYear();
}

/** Under 18 on the Paris calendar day of `now`; null birth date: not known to be a minor. */
export function isMinor(birthDate: string | null, now: Date): boolean {
  if (!birthDate) return false;
  const today = new TZDate(now, ZONE);
  const [y, m, d] = birthDate.split('-').map(Number);
  const birth = new TZDate(y, m - 1, d, ZONE);
  return differenceInYears(today, birth) < 18;
}

export function birthYearOf(identity: Pick<PersonIdentity, 'birthDate'>, fallback: number | null): number | null {
  return identity.birthDate ? Number(identity.birthDate.slice(0, 4)) : fallback;
}

/** What a list shows: the name in use, else the legal one, else an alias, else the file number. */
export function displayName(
  identity: Pick<PersonIdentity, 'usedName' | 'legalName' | 'aliases'>,
  fileNumber: string,
): string {
  return (
    identity.usedName?.trim() ||
    identity.legalName?.trim() ||
    identity.aliases.find((a) => a.trim())?.trim() ||
    fileNumber
  );
}

/** Lead times of the people reminders (domain/psp.md "Deadlines Envol raises"): settings with these defaults. */
export interface PeopleReminderSettings {
  /** No contact for this many days: check on the person (association setting, default 30). */
  noContactDays: number;
  /** The active file is kept this many years after the last contact, then reviewed (association setting, CNIL: 2). */
  retentionYears: number;
}

export interface PersonForReminders {
  id: string;
  status: string;
  referentId: string | null;
  siteId: string;
  lastContactAt: Date | null;
  createdAt: Date;
}

/**
 * The people lib's deadlines: a check on the person after N days without contact (to the referent,
 * else the site's coordinators; it leads to contacting the person, so it carries the contact
 * constraint), and the retention review some years after the last contact (to the site's coordinators).
 * Counted from the file's opening while no contact is recorded. A closed file keeps only its review.
 */
export function personReminders(
  person: PersonForReminders,
  settings: PeopleReminderSettings,
  contact: ContactConstraint,
): ReminderInput[] {
  const from = parisDay(person.lastContactAt ?? person.createdAt);
  const reminders: ReminderInput[] = [];
  if (person.status !== 'closed') {
    const due = addDaysIso(from, settings.noContactDays);
    reminders.push({
      key: 'no_contact',
      kind: 'no_contact',
      dueOn: due,
      deadlineOn: due,
      personId: person.id,
      assignee: { kind: 'referent', userId: person.referentId, siteId: person.siteId },
      contact,
    });
  }
  const review = format(addYears(parseISO(from), settings.retentionYears), 'yyyy-MM-dd');
  reminders.push({
    key: 'retention_review',
    kind: 'retention_review',
    dueOn: review,
    deadlineOn: review,
    personId: person.id,
    assignee: { kind: 'role', role: 'coordinator', siteId: person.siteId },
  });
  return reminders;
}
