// The audit routes (DESIGN.md "HTTP API": /api/audit, /api/audit/verify, the break-the-glass
// review). Their types mirror libs/audit and libs/access, which the web UI may not import; they
// belong in libs/contracts once the API exposes them there.
import type { Paged } from '@app/contracts';
import type { VerificationProblem } from '../audit/problems';
import { apiRequest } from './client';

export type AuditOutcome = 'success' | 'denied' | 'not_found' | 'failed';

export interface AuditEntryView {
  readonly id: string;
  readonly occurredAt: string;
  readonly actorId: string | null;
  readonly actorRoles: readonly string[];
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly objectIds: readonly string[] | null;
  /** An AuditOutcome; typed loosely so that a new outcome is shown rather than breaking the list. */
  readonly outcome: string;
  readonly detail: string | null;
  readonly reason: string | null;
  readonly requestId: string | null;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly seals: number;
  readonly sealedEntries: number;
  readonly unsealedEntries: number;
  readonly problems: readonly VerificationProblem[];
}

export interface BreakGlassGrant {
  readonly id: string;
  readonly userId: string;
  readonly personId: string;
  readonly reason: string;
  readonly grantedAt: string;
  readonly expiresAt: string;
  readonly reviewedAt: string | null;
}

export type GrantListShow = 'pending' | 'all';

/** `query` comes from auditApiQuery (audit/filters.ts). */
export function fetchAuditEntries(query: string, signal?: AbortSignal): Promise<Paged<AuditEntryView>> {
  return apiRequest('GET', `/api/audit${query}`, { signal });
}

/**
 * The CSV export's address, for a plain link: the browser downloads it with the session cookie,
 * and a GET needs no CSRF token.
 */
export function auditExportHref(query: string): string {
  return `/api/audit/export${query}`;
}

export function verifyAudit(): Promise<VerificationReport> {
  return apiRequest('GET', '/api/audit/verify');
}

/** The admins' view: account and settings events of their association. */
export function fetchAccountEvents(query: string, signal?: AbortSignal): Promise<Paged<AuditEntryView>> {
  return apiRequest('GET', `/api/audit/account-events${query}`, { signal });
}

export function fetchBreakGlassGrants(show: GrantListShow, signal?: AbortSignal): Promise<BreakGlassGrant[]> {
  return apiRequest('GET', `/api/break-glass-grants?show=${show}`, { signal });
}

export function reviewBreakGlassGrant(id: string): Promise<BreakGlassGrant> {
  return apiRequest('POST', `/api/break-glass-grants/${encodeURIComponent(id)}/review`);
}

export const auditKeys = {
  entries: (query: string) => ['audit', 'entries', query] as const,
  grants: () => ['audit', 'grants'] as const,
  grantList: (show: GrantListShow) => ['audit', 'grants', show] as const,
};
