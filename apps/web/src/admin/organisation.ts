// The rules of the teams, sites and settings forms, mirroring the API's (apps/api access.dto.ts)
// so each mistake is explained next to its field. Pure, so unit-tested.
import { REMINDER_LEAD_TIMES, type SiteView, type TeamView } from '@app/contracts';

export const NAME_MAX = 120;
const SITE_CODE = /^[A-Za-z0-9]{2,8}$/;
// INSEE département codes: 01–95, then the overseas 971–976. Corsica's 20 became 2A and 2B in
// 1976: the API's pattern still lets "20" through, the form does not.
const DEPARTEMENT = /^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/;

export type NameProblem = 'required' | 'tooLong';

export function checkName(name: string): NameProblem | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'required';
  if ([...trimmed].length > NAME_MAX) return 'tooLong';
  return undefined;
}

/** A site code as it is stored: upper case, no spaces. */
export function normaliseSiteCode(code: string): string {
  return code.trim().toUpperCase();
}

/** A département as typed ("2a", " 75 ") in its INSEE form. */
export function normaliseDepartement(value: string): string {
  return value.trim().toUpperCase();
}

export function isSiteCode(code: string): boolean {
  return SITE_CODE.test(code);
}

export function isDepartement(value: string): boolean {
  return DEPARTEMENT.test(value);
}

export interface SiteDraft {
  readonly name: string;
  readonly code: string;
  readonly departement: string;
}

export type SiteProblems = { name?: NameProblem; code?: 'invalid'; departement?: 'invalid' };

export function checkSite(draft: SiteDraft): SiteProblems {
  const problems: SiteProblems = {};
  const name = checkName(draft.name);
  if (name) problems.name = name;
  if (!isSiteCode(normaliseSiteCode(draft.code))) problems.code = 'invalid';
  if (!isDepartement(normaliseDepartement(draft.departement))) problems.departement = 'invalid';
  return problems;
}

export interface TeamDraft {
  readonly name: string;
  readonly siteId: string;
}

export type TeamProblems = { name?: NameProblem; siteId?: 'required' };

export function checkTeam(draft: TeamDraft): TeamProblems {
  const problems: TeamProblems = {};
  const name = checkName(draft.name);
  if (name) problems.name = name;
  if (draft.siteId === '') problems.siteId = 'required';
  return problems;
}

export interface Range {
  readonly min: number;
  readonly max: number;
}

export const BREAK_GLASS_HOURS: Range = { min: 1, max: 72 };
// The reminder lead times' ranges are the API's own (libs/contracts REMINDER_LEAD_TIMES).
export const NO_CONTACT_DAYS: Range = REMINDER_LEAD_TIMES.noContactDays;

/** A whole number typed in a field, within `range`; null when it is not one. */
export function parseWholeNumber(value: string, range: Range): number | null {
  const text = value.trim();
  if (!/^\d{1,6}$/.test(text)) return null;
  const number = Number(text);
  return number >= range.min && number <= range.max ? number : null;
}

/** The sites in name order, then each site's teams in name order: how the team choices read. */
export function teamsBySite(
  sites: readonly SiteView[],
  teams: readonly TeamView[],
  locale: string,
): Array<{ site: SiteView; teams: TeamView[] }> {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, locale);
  return [...sites].sort(byName).map((site) => ({
    site,
    teams: teams.filter((team) => team.siteId === site.id).sort(byName),
  }));
}
