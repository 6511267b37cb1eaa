import { navigationFor, ROLES, type NavigationKey, type Role } from './navigation';

const keysFor = (roles: readonly string[]): NavigationKey[] => navigationFor(roles).map((entry) => entry.key);

describe('navigationFor', () => {
  const byRole: ReadonlyArray<[Role, NavigationKey[]]> = [
    ['social_worker', ['caseload', 'deadlines', 'agenda', 'reminders', 'outreach', 'status']],
    ['outreach_volunteer', ['outreach', 'status']],
    ['coordinator', ['teamCaseload', 'deadlines', 'commissions', 'overdueReminders', 'reports', 'retention', 'status']],
    ['admin', ['users', 'teamsAndSites', 'settings', 'failedJobs', 'status']],
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
