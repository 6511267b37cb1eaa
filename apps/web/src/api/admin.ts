// The admin routes (DESIGN.md "HTTP API": /api/users, /api/teams, /api/sites, /api/settings).
// Roles, sites and team change only through their own routes, never through PATCH.
import type {
  AssociationSettingsView,
  InvitationResult,
  Paged,
  ReminderLeadTimes,
  Role,
  SiteView,
  TeamView,
  UserSummary,
} from '@app/contracts';
import { apiRequest } from './client';

export interface InviteUserRequest {
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly siteIds?: readonly string[];
  readonly teamId?: string | null;
}

export interface ResetLinkResult {
  /** Null when the link was emailed to the user. */
  readonly resetLink: string | null;
  readonly expiresAt: string;
}

export interface SettingsChange extends Readonly<ReminderLeadTimes> {
  readonly mfaRequiredRoles: readonly Role[];
  readonly breakGlassHours: number;
  readonly version: number;
}

/** `query` comes from userListApiQuery (admin/users.ts). */
export function fetchUsers(query: string, signal?: AbortSignal): Promise<Paged<UserSummary>> {
  return apiRequest('GET', `/api/users${query}`, { signal });
}

export function fetchUser(id: string, signal?: AbortSignal): Promise<UserSummary> {
  return apiRequest('GET', `/api/users/${encodeURIComponent(id)}`, { signal });
}

export function inviteUser(request: InviteUserRequest): Promise<InvitationResult> {
  return apiRequest('POST', '/api/users', { body: request });
}

export function updateUser(id: string, change: { displayName: string; version: number }): Promise<UserSummary> {
  return apiRequest('PATCH', `/api/users/${encodeURIComponent(id)}`, { body: change });
}

export function setUserRoles(id: string, roles: readonly Role[]): Promise<UserSummary> {
  return apiRequest('POST', `/api/users/${encodeURIComponent(id)}/roles`, { body: { roles } });
}

/** An empty list gives access to every site of the association. */
export function setUserSites(id: string, siteIds: readonly string[]): Promise<UserSummary> {
  return apiRequest('POST', `/api/users/${encodeURIComponent(id)}/sites`, { body: { siteIds } });
}

export function setUserTeam(id: string, teamId: string | null): Promise<UserSummary> {
  return apiRequest('POST', `/api/users/${encodeURIComponent(id)}/team`, { body: { teamId } });
}

// The next four take no body: the API refuses one rather than ignore it.
export function disableUser(id: string): Promise<UserSummary> {
  return apiRequest('POST', `/api/users/${encodeURIComponent(id)}/disable`);
}

export function enableUser(id: string): Promise<UserSummary> {
  return apiRequest('POST', `/api/users/${encodeURIComponent(id)}/enable`);
}

export function issueResetLink(id: string): Promise<ResetLinkResult> {
  return apiRequest('POST', `/api/users/${encodeURIComponent(id)}/reset-link`);
}

export function resetUserMfa(id: string): Promise<UserSummary> {
  return apiRequest('POST', `/api/users/${encodeURIComponent(id)}/mfa-reset`);
}

export function fetchSites(signal?: AbortSignal): Promise<SiteView[]> {
  return apiRequest('GET', '/api/sites', { signal });
}

export function createSite(site: { name: string; code: string; departement: string }): Promise<SiteView> {
  return apiRequest('POST', '/api/sites', { body: site });
}

export function updateSite(
  id: string,
  change: { name?: string; departement?: string; version: number },
): Promise<SiteView> {
  return apiRequest('PATCH', `/api/sites/${encodeURIComponent(id)}`, { body: change });
}

export function fetchTeams(signal?: AbortSignal): Promise<TeamView[]> {
  return apiRequest('GET', '/api/teams', { signal });
}

export function createTeam(team: { name: string; siteId: string }): Promise<TeamView> {
  return apiRequest('POST', '/api/teams', { body: team });
}

export function updateTeam(id: string, change: { name: string; version: number }): Promise<TeamView> {
  return apiRequest('PATCH', `/api/teams/${encodeURIComponent(id)}`, { body: change });
}

export function fetchSettings(signal?: AbortSignal): Promise<AssociationSettingsView> {
  return apiRequest('GET', '/api/settings', { signal });
}

export function updateSettings(change: SettingsChange): Promise<AssociationSettingsView> {
  return apiRequest('PATCH', '/api/settings', { body: change });
}

/** Query keys, in one place so that a change invalidates every list that shows it. */
export const adminKeys = {
  all: ['admin'] as const,
  users: () => ['admin', 'users'] as const,
  userLists: () => ['admin', 'users', 'list'] as const,
  userList: (query: string) => ['admin', 'users', 'list', query] as const,
  user: (id: string) => ['admin', 'users', 'one', id] as const,
  sites: () => ['admin', 'sites'] as const,
  teams: () => ['admin', 'teams'] as const,
  settings: () => ['admin', 'settings'] as const,
  accountEvents: (query: string) => ['admin', 'account-events', query] as const,
};
