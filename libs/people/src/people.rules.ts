import { TZDate } from '@date-fns/tz';
import { differenceInYears } from 'date-fns';
import type { PersonIdentity } from '@app/contracts';

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
