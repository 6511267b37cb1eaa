import type { SiteView, TeamView } from '@app/contracts';
import {
  BREAK_GLASS_HOURS,
  checkSite,
  checkTeam,
  isDepartement,
  NO_CONTACT_DAYS,
  normaliseDepartement,
  normaliseSiteCode,
  parseWholeNumber,
  teamsBySite,
} from './organisation';

describe('départements', () => {
  it.each(['01', '09', '19', '2A', '2B', '21', '75', '93', '95', '971', '976'])('accepts %s', (code) => {
    expect(isDepartement(code)).toBe(true);
  });

  it.each(['00', '1', '20', '96', '99', '970', '977', '2C', '750', ''])('refuses %s', (code) => {
    expect(isDepartement(code)).toBe(false);
  });

  it('reads Corsica in lower case', () => {
    expect(normaliseDepartement(' 2a ')).toBe('2A');
  });
});

describe('checkSite', () => {
  it('accepts a site and normalises its code', () => {
    expect(checkSite({ name: 'Paris Nord', code: 'par1', departement: '75' })).toEqual({});
    expect(normaliseSiteCode(' par1 ')).toBe('PAR1');
  });

  it.each([
    [{ name: '' }, { name: 'required' }],
    [{ name: 'x'.repeat(121) }, { name: 'tooLong' }],
    [{ code: 'P' }, { code: 'invalid' }],
    [{ code: 'PARISNORD' }, { code: 'invalid' }],
    [{ code: 'PA-1' }, { code: 'invalid' }],
    [{ code: 'ÉVR' }, { code: 'invalid' }],
    [{ departement: '20' }, { departement: 'invalid' }],
  ])('explains %j', (change, problems) => {
    expect(checkSite({ name: 'Paris', code: 'PAR', departement: '75', ...change })).toEqual(problems);
  });
});

describe('checkTeam', () => {
  it('needs a name and a site', () => {
    expect(checkTeam({ name: 'Équipe nuit', siteId: 's1' })).toEqual({});
    expect(checkTeam({ name: ' ', siteId: '' })).toEqual({ name: 'required', siteId: 'required' });
  });
});

describe('parseWholeNumber', () => {
  it.each([
    ['24', BREAK_GLASS_HOURS, 24],
    [' 1 ', BREAK_GLASS_HOURS, 1],
    ['72', BREAK_GLASS_HOURS, 72],
    ['0', BREAK_GLASS_HOURS, null],
    ['73', BREAK_GLASS_HOURS, null],
    ['2.5', BREAK_GLASS_HOURS, null],
    ['1e1', BREAK_GLASS_HOURS, null],
    ['', BREAK_GLASS_HOURS, null],
    ['-3', BREAK_GLASS_HOURS, null],
    ['7', NO_CONTACT_DAYS, 7],
    ['365', NO_CONTACT_DAYS, 365],
    ['6', NO_CONTACT_DAYS, null],
    ['366', NO_CONTACT_DAYS, null],
  ] as const)('reads %j within %j as %p', (value, range, expected) => {
    expect(parseWholeNumber(value, range)).toBe(expected);
  });
});

describe('teamsBySite', () => {
  const site = (id: string, name: string): SiteView => ({ id, name, code: id, departement: '75', version: 1 });
  const team = (id: string, siteId: string, name: string): TeamView => ({ id, siteId, name, version: 1 });

  it('orders sites, then each site’s teams, by name in the UI’s language', () => {
    const groups = teamsBySite(
      [site('b', 'Saint-Denis'), site('a', 'Évry')],
      [team('t1', 'b', 'Nuit'), team('t2', 'a', 'Jour'), team('t3', 'b', 'Accueil')],
      'fr-FR',
    );
    expect(groups.map((group) => [group.site.name, group.teams.map((t) => t.name)])).toEqual([
      ['Évry', ['Jour']],
      ['Saint-Denis', ['Accueil', 'Nuit']],
    ]);
  });
});
