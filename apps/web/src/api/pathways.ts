// Pathways (PSP), goals, rights, deadlines and commission sessions (domain/psp.md).
import type {
  CommissionAgenda,
  CommissionSessionDetail,
  CommissionSessionView,
  DeadlineItem,
  GoalDomain,
  GoalStatus,
  GoalView,
  PathwayEndReason,
  PathwayEventKind,
  PathwayKind,
  PathwayView,
  RightKind,
  RightView,
  CommissionOpinion,
  PathwaySettings,
  PathwaySettingsView,
} from '@app/contracts';
import { apiRequest } from './client';

const enc = encodeURIComponent;

export interface StepInput {
  kind: PathwayEventKind;
  on: string;
  decisionReference?: string | null;
  opinion?: CommissionOpinion | null;
  commissionSessionId?: string | null;
  startsOn?: string | null;
  notifiedOn?: string | null;
  endReason?: PathwayEndReason | null;
}

export interface RightInput {
  kind: RightKind;
  status: string;
  situation?: string | null;
  requestedOn?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  receiptUntil?: string | null;
  refusalReason?: string | null;
  children?: number | null;
}

export function fetchPathways(personId: string, signal?: AbortSignal): Promise<PathwayView[]> {
  return apiRequest('GET', `/api/persons/${enc(personId)}/pathways`, { signal });
}

export function openPathway(personId: string, body: { kind: PathwayKind; openedOn: string }): Promise<PathwayView> {
  return apiRequest('POST', `/api/persons/${enc(personId)}/pathways`, { body });
}

export function recordStep(pathwayId: string, body: StepInput): Promise<PathwayView> {
  return apiRequest('POST', `/api/pathways/${enc(pathwayId)}/events`, { body });
}

export function addGoal(
  pathwayId: string,
  body: { domain: GoalDomain; title: string; status?: GoalStatus; targetOn?: string | null },
): Promise<GoalView> {
  return apiRequest('POST', `/api/pathways/${enc(pathwayId)}/goals`, { body });
}

export function updateGoal(
  pathwayId: string,
  goalId: string,
  body: { status?: GoalStatus; targetOn?: string | null; outcome?: string | null; version: number },
): Promise<GoalView> {
  return apiRequest('PATCH', `/api/pathways/${enc(pathwayId)}/goals/${enc(goalId)}`, { body });
}

export function fetchRights(personId: string, signal?: AbortSignal): Promise<RightView[]> {
  return apiRequest('GET', `/api/persons/${enc(personId)}/rights`, { signal });
}

export function addRight(personId: string, body: RightInput): Promise<RightView> {
  return apiRequest('POST', `/api/persons/${enc(personId)}/rights`, { body });
}

export function updateRight(
  personId: string,
  rightId: string,
  body: Partial<Omit<RightInput, 'kind'>> & { version: number },
): Promise<RightView> {
  return apiRequest('PATCH', `/api/persons/${enc(personId)}/rights/${enc(rightId)}`, { body });
}

/** `query`: personId=…, personIds=a,b (a caseload page), or scope=mine. */
export function fetchDeadlines(query: string, signal?: AbortSignal): Promise<DeadlineItem[]> {
  return apiRequest('GET', `/api/deadlines${query ? `?${query}` : ''}`, { signal });
}

export function fetchSessions(departement: string, signal?: AbortSignal): Promise<CommissionSessionView[]> {
  return apiRequest('GET', `/api/commission-sessions?departement=${enc(departement)}`, { signal });
}

export function createSession(body: { departement: string; heldOn: string }): Promise<CommissionSessionView> {
  return apiRequest('POST', '/api/commission-sessions', { body });
}

export function fetchAgenda(departement: string, signal?: AbortSignal): Promise<CommissionAgenda> {
  return apiRequest('GET', `/api/commission-sessions/agenda?departement=${enc(departement)}`, { signal });
}

export function fetchSession(id: string, signal?: AbortSignal): Promise<CommissionSessionDetail> {
  return apiRequest('GET', `/api/commission-sessions/${enc(id)}`, { signal });
}

export const pathwayKeys = {
  all: ['pathways'] as const,
  ofPerson: (personId: string) => ['pathways', 'person', personId] as const,
  rights: (personId: string) => ['pathways', 'rights', personId] as const,
  deadlines: (query: string) => ['pathways', 'deadlines', query] as const,
  sessions: (departement: string) => ['pathways', 'sessions', departement] as const,
  agenda: (departement: string) => ['pathways', 'agenda', departement] as const,
  session: (id: string) => ['pathways', 'session', id] as const,
  settings: () => ['pathways', 'settings'] as const,
};

/** Today's calendar date in Paris, 'YYYY-MM-DD' (legal dates have no time of day). */
export function parisToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Days from `from` to `to`, both calendar dates. */
export function daysUntil(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function fetchPathwaySettings(signal?: AbortSignal): Promise<PathwaySettingsView> {
  return apiRequest('GET', '/api/pathway-settings', { signal });
}

export function updatePathwaySettings(
  body: Partial<PathwaySettings> & { version: number },
): Promise<PathwaySettingsView> {
  return apiRequest('PATCH', '/api/pathway-settings', { body });
}
