import { scopeFilter } from './people.policy';

describe('scopeFilter', () => {
  const now = new Date('2026-11-28T09:00:00Z');
  const coordinator = (siteIds: string[]) => ({ userId: 'u1', associationId: 'a1', roles: ['coordinator'], siteIds });

  it('gives a one-site coordinator an equality on the site, which the site index serves in file-number order', () => {
    expect(scopeFilter(coordinator(['s1']), now)).toEqual({
      sql: '(p.site_id = :scopeSite)',
      params: { scopeUser: 'u1', scopeNow: now, scopeSite: 's1' },
    });
  });

  it('gives a several-site coordinator the list of sites, and an all-sites coordinator every file', () => {
    expect(scopeFilter(coordinator(['s1', 's2']), now)).toEqual({
      sql: '(p.site_id = ANY(:scopeSites))',
      params: { scopeUser: 'u1', scopeNow: now, scopeSites: ['s1', 's2'] },
    });
    expect(scopeFilter(coordinator([]), now).sql).toBe('(true)');
  });

  it('sees nothing without an actor', () => {
    expect(scopeFilter(undefined, now)).toEqual({ sql: 'false', params: {} });
  });
});
