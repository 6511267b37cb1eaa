import { NAVIGATION_ENTRIES } from '../../navigation';

export const USERS_PATH = NAVIGATION_ENTRIES.users.path;
export const USER_PATH_PATTERN = `${USERS_PATH}/:id`;
export const TEAMS_AND_SITES_PATH = NAVIGATION_ENTRIES.teamsAndSites.path;
export const ACCOUNT_EVENTS_PATH = '/admin/account-events';

/** A user's page: by id, never by name or email (nothing personal in URLs: UI.md). */
export function userPath(id: string): string {
  return `${USERS_PATH}/${encodeURIComponent(id)}`;
}
