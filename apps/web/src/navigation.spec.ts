import { Permission, permissionsOf } from '@app/contracts';
import {
  allNavigationEntries,
  currentEntryKey,
  mayUse,
  NAVIGATION_BY_ROLE,
  NAVIGATION_ENTRIES,
  navigationFor,
  ROLES,
  type NavigationKey,
  type Role,
} from './navigation';

const keysFor = (roles: readonly string[]): NavigationKey[] => navigationFor(roles).map((entry) => entry.key);

describe('navigationFor', () => {
  const byRole: ReadonlyArray<[Role, NavigationKey[]]> = [
    ['social_worker', ['caseload', 'deadlines', 'agenda', 'reminders', 'outreach', 'status']],
    ['outreach_volunteer', ['outreach', 'status']],
    [
      'coordinator',
      [
        'teamCaseload',
        'deadlines',
        'reminders',
        'commissions',
        'overdueReminders',
        'partners',
        'reports',
        'retention',
        'status',
      ],
    ],
    ['admin', ['users', 'teamsAndSites', 'settings', 'partners', 'failedJobs', 'reminders', 'status']],
    ['dpo', ['audit', 'breakGlassReview', 'auditVerification', 'status']],
    ['funder', ['statistics', 'status']],
  ];

  it('covers every role', () => {
    expect(byRole.map(([role]) => role)).toEqual([...ROLES]);
  });

  it.each(byRole)('gives %s its entries, in order', (role, expected) => {
    expect(keysFor([role])).toEqual(expected);
  });

  it('unites two roles without duplicates, in the canonical role order', () => {
    const expected: NavigationKey[] = [
      'caseload',
      'deadlines',
      'agenda',
      'reminders',
      'outreach',
      'teamCaseload',
      'commissions',
      'overdueReminders',
      'partners',
      'reports',
      'retention',
      'status',
    ];
    expect(keysFor(['social_worker', 'coordinator'])).toEqual(expected);
    expect(keysFor(['coordinator', 'social_worker'])).toEqual(expected);
  });

  it('does not repeat an entry shared by roles', () => {
    expect(keysFor(['social_worker', 'outreach_volunteer'])).toEqual(keysFor(['social_worker']));
  });

  it.each([[[]], [['visitor']], [['SOCIAL_WORKER']], [['status']]])('shows only the service status for %j', (roles) => {
    expect(keysFor(roles)).toEqual(['status']);
  });

  it('gives each entry an i18n key and an absolute path, one path per key', () => {
    const everything = navigationFor([...ROLES]);
    for (const entry of everything) {
      expect(entry.labelKey).toBe(`nav.${entry.key}`);
      expect(entry.path).toMatch(/^\/[a-z0-9/-]+$/);
    }
    expect(new Set(everything.map((entry) => entry.path)).size).toBe(everything.length);
  });

  it('marks the later screens', () => {
    const later = navigationFor([...ROLES])
      .filter((entry) => entry.later)
      .map((entry) => entry.key);
    expect(later).toEqual(['reports', 'retention', 'statistics']);
  });
});

describe('screen permissions', () => {
  it.each(ROLES)('lets %s open every screen of its own menu', (role) => {
    const refused = NAVIGATION_BY_ROLE[role].filter((key) => !mayUse([role], NAVIGATION_ENTRIES[key].permission));
    expect(refused).toEqual([]);
  });

  it('asks for a permission on every screen but the public status', () => {
    const open = allNavigationEntries()
      .filter((entry) => entry.permission === null)
      .map((entry) => entry.key);
    expect(open).toEqual(['status']);
  });

  // The screens of the brief's role table that another role must not reach by typing the URL.
  it.each([
    ['social_worker', 'users'],
    ['outreach_volunteer', 'caseload'],
    ['coordinator', 'settings'],
    ['admin', 'audit'],
    ['admin', 'caseload'],
    ['dpo', 'users'],
    ['dpo', 'caseload'],
    ['funder', 'breakGlassReview'],
    ['funder', 'outreach'],
  ] as const)('refuses %s the %s screen', (role, key) => {
    expect(mayUse([role], NAVIGATION_ENTRIES[key].permission)).toBe(false);
  });

  it('uses the same permission table as the API', () => {
    expect(mayUse(['admin'], Permission.UsersManage)).toBe(permissionsOf(['admin']).has(Permission.UsersManage));
    expect(mayUse([], null)).toBe(true);
    expect(mayUse([], Permission.Self)).toBe(false);
  });
});

describe('currentEntryKey', () => {
  const entries = allNavigationEntries();

  it.each([
    ['/admin/users', 'users'],
    ['/admin/users/', 'users'],
    ['/admin/users/0b6c4f1e-1111-4222-8333-444455556666', 'users'],
    ['/audit', 'audit'],
    ['/audit/break-glass', 'breakGlassReview'],
    ['/audit/verification', 'auditVerification'],
    ['/team/caseload', 'teamCaseload'],
    ['/caseload', 'caseload'],
  ] as const)('marks %s as %s', (path, key) => {
    expect(currentEntryKey(entries, path)).toBe(key);
  });

  it.each([['/'], ['/admin'], ['/admin/usersx'], ['/auditx'], ['/admin/account-events']])(
    'marks nothing for %s',
    (path) => {
      expect(currentEntryKey(entries, path)).toBeNull();
    },
  );
});
