// The main navigation, driven by one table. Kept free of React so it can be unit-tested and so
// the screens, the router and the layout all read the same entries.

export const ROLES = ['social_worker', 'outreach_volunteer', 'coordinator', 'admin', 'dpo', 'funder'] as const;

export type Role = (typeof ROLES)[number];

export type NavigationKey =
  | 'caseload'
  | 'deadlines'
  | 'agenda'
  | 'reminders'
  | 'outreach'
  | 'teamCaseload'
  | 'commissions'
  | 'overdueReminders'
  | 'reports'
  | 'retention'
  | 'users'
  | 'teamsAndSites'
  | 'settings'
  | 'failedJobs'
  | 'audit'
  | 'breakGlassReview'
  | 'auditVerification'
  | 'statistics'
  | 'status';

export interface NavigationEntry {
  readonly key: NavigationKey;
  /** i18n key of the entry's label. */
  readonly labelKey: `nav.${NavigationKey}`;
  readonly path: string;
  /** Planned for a later release rather than the next ones. */
  readonly later: boolean;
}

function entry(key: NavigationKey, path: string, later = false): NavigationEntry {
  return { key, labelKey: `nav.${key}`, path, later };
}

// Each entry is declared once so that a key always maps to the same path, whichever role shows it.
export const NAVIGATION_ENTRIES: Readonly<Record<NavigationKey, NavigationEntry>> = {
  caseload: entry('caseload', '/caseload'),
  deadlines: entry('deadlines', '/deadlines'),
  agenda: entry('agenda', '/agenda'),
  reminders: entry('reminders', '/reminders'),
  outreach: entry('outreach', '/outreach'),
  teamCaseload: entry('teamCaseload', '/team/caseload'),
  commissions: entry('commissions', '/commissions'),
  overdueReminders: entry('overdueReminders', '/team/overdue-reminders'),
  reports: entry('reports', '/reports', true),
  retention: entry('retention', '/retention', true),
  users: entry('users', '/admin/users'),
  teamsAndSites: entry('teamsAndSites', '/admin/teams-and-sites'),
  settings: entry('settings', '/admin/settings'),
  failedJobs: entry('failedJobs', '/admin/failed-jobs'),
  audit: entry('audit', '/audit'),
  breakGlassReview: entry('breakGlassReview', '/audit/break-glass'),
  auditVerification: entry('auditVerification', '/audit/verification'),
  statistics: entry('statistics', '/statistics', true),
  status: entry('status', '/status'),
};

export const NAVIGATION_BY_ROLE: Readonly<Record<Role, readonly NavigationKey[]>> = {
  social_worker: ['caseload', 'deadlines', 'agenda', 'reminders', 'outreach'],
  outreach_volunteer: ['outreach'],
  coordinator: ['teamCaseload', 'deadlines', 'commissions', 'overdueReminders', 'reports', 'retention'],
  admin: ['users', 'teamsAndSites', 'settings', 'failedJobs'],
  dpo: ['audit', 'breakGlassReview', 'auditVerification'],
  funder: ['statistics'],
};

/** Shown to everyone, signed in or not, after the role entries. */
const COMMON_KEYS: readonly NavigationKey[] = ['status'];

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The navigation for a user holding `roles`: the union of each role's entries, then the common
 * ones, without duplicates. Roles are taken in the canonical order of `ROLES`, not the order given,
 * so a user's menu does not reshuffle when the API lists their roles differently. Unknown roles
 * are ignored.
 */
export function navigationFor(roles: readonly string[]): NavigationEntry[] {
  const held = new Set(roles.filter(isRole));
  const keys = new Set<NavigationKey>();
  for (const role of ROLES) {
    if (held.has(role)) NAVIGATION_BY_ROLE[role].forEach((key) => keys.add(key));
  }
  COMMON_KEYS.forEach((key) => keys.add(key));
  return [...keys].map((key) => NAVIGATION_ENTRIES[key]);
}

/** Every entry once, for the router: screens exist whether or not the current user sees them. */
export function allNavigationEntries(): NavigationEntry[] {
  return Object.values(NAVIGATION_ENTRIES);
}
