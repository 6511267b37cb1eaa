// The main navigation, driven by one table. Kept free of React so it can be unit-tested and so
// the screens, the router and the layout all read the same entries.
import { Permission, permissionsOf } from '@app/contracts';

export const ROLES = ['social_worker', 'outreach_volunteer', 'coordinator', 'admin', 'dpo', 'funder'] as const;

export type Role = (typeof ROLES)[number];

export type NavigationKey =
  | 'caseload'
  | 'deadlines'
  | 'agenda'
  | 'reminders'
  | 'outreach'
  | 'partners'
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
  /**
   * What the screen needs (libs/contracts permissions.ts, the table the API checks); null for a
   * public screen. The router refuses the screen to anyone without it, whatever the menu shows.
   */
  readonly permission: Permission | null;
}

function entry(key: NavigationKey, path: string, permission: Permission | null, later = false): NavigationEntry {
  return { key, labelKey: `nav.${key}`, path, later, permission };
}

// Each entry is declared once so that a key always maps to the same path, whichever role shows it.
export const NAVIGATION_ENTRIES: Readonly<Record<NavigationKey, NavigationEntry>> = {
  caseload: entry('caseload', '/caseload', Permission.CaseloadRead),
  deadlines: entry('deadlines', '/deadlines', Permission.CaseloadRead),
  agenda: entry('agenda', '/agenda', Permission.PersonRead),
  reminders: entry('reminders', '/reminders', Permission.Self),
  outreach: entry('outreach', '/outreach', Permission.OutreachWrite),
  partners: entry('partners', '/partners', Permission.PartnersManage),
  teamCaseload: entry('teamCaseload', '/team/caseload', Permission.CaseloadAssign),
  commissions: entry('commissions', '/commissions', Permission.CaseloadAssign),
  overdueReminders: entry('overdueReminders', '/team/overdue-reminders', Permission.CaseloadAssign),
  reports: entry('reports', '/reports', Permission.ReportsRead, true),
  retention: entry('retention', '/retention', Permission.RetentionReview, true),
  users: entry('users', '/admin/users', Permission.UsersManage),
  teamsAndSites: entry('teamsAndSites', '/admin/teams-and-sites', Permission.OrganisationManage),
  settings: entry('settings', '/admin/settings', Permission.SettingsManage),
  failedJobs: entry('failedJobs', '/admin/failed-jobs', Permission.JobsManage),
  audit: entry('audit', '/audit', Permission.AuditRead),
  breakGlassReview: entry('breakGlassReview', '/audit/break-glass', Permission.BreakGlassReview),
  auditVerification: entry('auditVerification', '/audit/verification', Permission.AuditRead),
  statistics: entry('statistics', '/statistics', Permission.StatisticsRead, true),
  status: entry('status', '/status', null),
};

export const NAVIGATION_BY_ROLE: Readonly<Record<Role, readonly NavigationKey[]>> = {
  social_worker: ['caseload', 'deadlines', 'agenda', 'reminders', 'outreach'],
  outreach_volunteer: ['outreach'],
  coordinator: [
    'teamCaseload',
    'deadlines',
    'reminders',
    'commissions',
    'overdueReminders',
    'partners',
    'reports',
    'retention',
  ],
  admin: ['users', 'teamsAndSites', 'settings', 'partners', 'failedJobs', 'reminders'],
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

/** Whether a user holding `roles` may open a screen that needs `permission` (null: anyone). */
export function mayUse(roles: readonly string[], permission: Permission | null): boolean {
  return permission === null || permissionsOf(roles).has(permission);
}

/**
 * The entry to mark as current for `pathname`: the one whose path is the pathname or its longest
 * prefix by whole segments, so a user's detail page (/admin/users/…) keeps "Utilisateurs" current
 * while /audit/break-glass marks its own entry and not "Journal d’audit" too.
 */
export function currentEntryKey(entries: readonly NavigationEntry[], pathname: string): NavigationKey | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let best: NavigationEntry | null = null;
  for (const candidate of entries) {
    const matches = path === candidate.path || path.startsWith(`${candidate.path}/`);
    if (matches && (!best || candidate.path.length > best.path.length)) best = candidate;
  }
  return best?.key ?? null;
}
