// The person-file routes (DESIGN.md "HTTP API", people row). Names never go in a URL: the search is
// a POST and the file's address holds only its id.
import type {
  AccessLogEntry,
  ConsentPurpose,
  ConsentView,
  Paged,
  PersonAttributes,
  PersonFile,
  PersonIdentity,
  PersonStatus,
  PersonSummary,
  SafeContact,
  UserSummary,
} from '@app/contracts';
import { apiRequest } from './client';

export interface PersonDraft {
  readonly status?: PersonStatus;
  readonly identity: PersonIdentity;
  readonly safeContact: SafeContact;
  readonly attributes: PersonAttributes;
}

export interface FailedJob {
  readonly id: string;
  readonly jobName: string;
  readonly attempts: number;
  readonly lastErrorCode: string | null;
  readonly createdAt: string;
  readonly failedAt: string;
}

const personPath = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

/** `query` comes from queryString (api/query.ts). */
export function fetchPersons(query: string, signal?: AbortSignal): Promise<Paged<PersonSummary>> {
  return apiRequest('GET', `/api/persons${query}`, { signal });
}

export function searchPersons(query: string, signal?: AbortSignal): Promise<PersonSummary[]> {
  return apiRequest('POST', '/api/persons/search', { body: { query }, signal });
}

export function createPerson(draft: PersonDraft & { acknowledgeDuplicates?: boolean }): Promise<PersonFile> {
  return apiRequest('POST', '/api/persons', { body: draft });
}

export function fetchPerson(id: string, signal?: AbortSignal): Promise<PersonFile> {
  return apiRequest('GET', personPath(id), { signal });
}

export function updatePerson(id: string, change: Partial<PersonDraft> & { version: number }): Promise<PersonFile> {
  return apiRequest('PATCH', personPath(id), { body: change });
}

export function breakGlass(id: string, reason: string): Promise<{ expiresAt: string }> {
  return apiRequest('POST', `${personPath(id)}/break-glass`, { body: { reason } });
}

export function fetchConsents(id: string, signal?: AbortSignal): Promise<ConsentView[]> {
  return apiRequest('GET', `${personPath(id)}/consents`, { signal });
}

export function recordConsent(
  id: string,
  consent: { purpose: ConsentPurpose; given: boolean; partnerId?: string },
): Promise<ConsentView> {
  return apiRequest('POST', `${personPath(id)}/consents`, { body: consent });
}

export function fetchAccessLog(id: string, signal?: AbortSignal): Promise<AccessLogEntry[]> {
  return apiRequest('GET', `${personPath(id)}/access-log`, { signal });
}

export function setReferent(id: string, referentId: string): Promise<PersonFile> {
  return apiRequest('POST', `${personPath(id)}/referent`, { body: { referentId } });
}

export function fetchSocialWorkers(signal?: AbortSignal): Promise<{ items: UserSummary[] }> {
  return apiRequest('GET', '/api/users?role=social_worker&pageSize=100', { signal });
}

export function fetchFailedJobs(signal?: AbortSignal): Promise<FailedJob[]> {
  return apiRequest('GET', '/api/jobs/failed', { signal });
}

export function retryJob(id: string): Promise<void> {
  return apiRequest('POST', `/api/jobs/${encodeURIComponent(id)}/retry`);
}

export const peopleKeys = {
  all: ['people'] as const,
  lists: () => ['people', 'list'] as const,
  list: (query: string) => ['people', 'list', query] as const,
  one: (id: string) => ['people', 'one', id] as const,
  consents: (id: string) => ['people', 'one', id, 'consents'] as const,
  accessLog: (id: string) => ['people', 'one', id, 'access-log'] as const,
  failedJobs: () => ['jobs', 'failed'] as const,
};
