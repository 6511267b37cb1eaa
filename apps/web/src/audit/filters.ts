// The audit search's filters: what the form holds, what the address bar keeps, what the API gets.
// Pure, so unit-tested. The filters are ids, action codes and dates only: no name of a person
// ever reaches a URL (UI.md "Discreet by default").
import { TZDate } from '@date-fns/tz';
import { APP_TIME_ZONE } from '../format/format';
import { queryString, readPage } from '../api/query';

export interface AuditFilters {
  /** An account id (uuid). */
  readonly actorId: string;
  /** An action code such as `user.roles.set`. */
  readonly action: string;
  /** The id of what was acted upon: an account, a file, a site… */
  readonly objectId: string;
  /** First day included, `yyyy-mm-dd`, in Paris time. */
  readonly from: string;
  /** Last day included, `yyyy-mm-dd`, in Paris time. */
  readonly to: string;
}

export type AuditFilterField = keyof AuditFilters;

export const EMPTY_AUDIT_FILTERS: AuditFilters = { actorId: '', action: '', objectId: '', from: '', to: '' };

const FIELDS: readonly AuditFilterField[] = ['actorId', 'action', 'objectId', 'from', 'to'];

export type AuditFilterProblem = 'uuid' | 'actionCode' | 'tooLong' | 'date' | 'range';

// The API's own rules (apps/api audit.controller.ts AuditQuery): checked here first so that a typo
// is explained next to its field instead of coming back as a whole-form "invalid request".
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ACTION_CODE = /^[a-z0-9_.]{1,64}$/;
const OBJECT_ID_MAX = 64;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The form's values as they will be searched: spaces trimmed, codes and ids in lower case. */
export function normaliseAuditFilters(filters: AuditFilters): AuditFilters {
  return {
    actorId: filters.actorId.trim().toLowerCase(),
    action: filters.action.trim().toLowerCase(),
    objectId: filters.objectId.trim(),
    from: filters.from.trim(),
    to: filters.to.trim(),
  };
}

function dayParts(value: string): [number, number, number] | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Round-trip through a UTC date: 2026-02-30 would otherwise roll over into March.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return [year, month, day];
}

/** What is wrong with each filter, if anything (normalised values expected). */
export function checkAuditFilters(filters: AuditFilters): Partial<Record<AuditFilterField, AuditFilterProblem>> {
  const problems: Partial<Record<AuditFilterField, AuditFilterProblem>> = {};
  if (filters.actorId !== '' && !UUID_V4.test(filters.actorId)) problems.actorId = 'uuid';
  if (filters.action !== '' && !ACTION_CODE.test(filters.action)) problems.action = 'actionCode';
  if (filters.objectId.length > OBJECT_ID_MAX) problems.objectId = 'tooLong';
  if (filters.from !== '' && !dayParts(filters.from)) problems.from = 'date';
  if (filters.to !== '' && !dayParts(filters.to)) problems.to = 'date';
  if (!problems.from && !problems.to && filters.from !== '' && filters.to !== '' && filters.from > filters.to) {
    problems.to = 'range';
  }
  return problems;
}

/** The instant a Paris calendar day starts, `days` days after `value` (`yyyy-mm-dd`). */
export function parisDayStart(value: string, days = 0): string | null {
  const parts = dayParts(value);
  if (!parts) return null;
  const [year, month, day] = parts;
  return new Date(new TZDate(year, month - 1, day + days, APP_TIME_ZONE).getTime()).toISOString();
}

/**
 * The API's filter parameters. `from` is the start of the first day; `to` is exclusive on the API
 * (`occurred_at < to`), so the last day is included by sending the start of the day after it.
 */
function apiFilterParams(filters: AuditFilters): Record<string, string | undefined> {
  return {
    actorId: filters.actorId || undefined,
    action: filters.action || undefined,
    objectId: filters.objectId || undefined,
    from: filters.from ? (parisDayStart(filters.from) ?? undefined) : undefined,
    to: filters.to ? (parisDayStart(filters.to, 1) ?? undefined) : undefined,
  };
}

/** `GET /api/audit` (and the admins' account events) for one page of results. */
export function auditApiQuery(filters: AuditFilters, page: number, pageSize: number): string {
  return queryString({ page, pageSize, ...apiFilterParams(filters) });
}

/** `GET /api/audit/export`: the same filters, every page (the API caps the file). */
export function auditExportQuery(filters: AuditFilters): string {
  return queryString(apiFilterParams(filters));
}

/** The filters and page as kept in the address bar (days as typed, not instants). */
export function auditSearchParams(filters: AuditFilters, page: number): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (filters[field] !== '') params.set(field, filters[field]);
  if (page > 1) params.set('page', String(page));
  return params;
}

/** Filters and page back from the address bar; anything else there is ignored. */
export function readAuditSearch(params: URLSearchParams): { filters: AuditFilters; page: number } {
  const read = (field: AuditFilterField) => params.get(field) ?? '';
  return {
    filters: normaliseAuditFilters({
      actorId: read('actorId'),
      action: read('action'),
      objectId: read('objectId'),
      from: read('from'),
      to: read('to'),
    }),
    page: readPage(params.get('page')),
  };
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return FIELDS.some((field) => filters[field] !== '');
}
