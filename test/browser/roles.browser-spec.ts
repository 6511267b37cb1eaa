import { axeViolations, heading, navigationLabels, startHarness, type Harness } from './harness';

jest.setTimeout(60_000);

const STATUS = 'État du service';
const FORBIDDEN = 'Accès refusé';

// UI.md "Navigation per role", in French; each role ends with the public service status.
const CASES = [
  {
    who: 'workerA1',
    home: /\/caseload$/,
    entries: ['Ma file active', 'Échéances', 'Agenda', 'Rappels', 'Maraudes', STATUS],
    forbidden: '/admin/users',
  },
  { who: 'volunteerA', home: /\/outreach$/, entries: ['Maraudes', STATUS], forbidden: '/caseload' },
  {
    who: 'coordinatorA',
    home: /\/team\/caseload$/,
    entries: [
      'File active de l’équipe',
      'Échéances',
      'Rappels',
      'Commissions',
      'Rappels en retard',
      'Partenaires',
      'Rapports',
      'Conservation',
      STATUS,
    ],
    forbidden: '/admin/settings',
  },
  {
    who: 'adminA',
    home: /\/admin\/users$/,
    entries: ['Utilisateurs', 'Équipes et sites', 'Paramètres', 'Partenaires', 'Tâches en échec', 'Rappels', STATUS],
    forbidden: '/audit',
  },
  {
    who: 'dpoA',
    home: /\/audit$/,
    entries: ['Journal d’audit', 'Bris de glace à revoir', 'Vérification', STATUS],
    forbidden: '/admin/users',
  },
  { who: 'funderF', home: /\/statistics$/, entries: ['Statistiques', STATUS], forbidden: '/audit/break-glass' },
] as const;

describe('navigation per role', () => {
  let harness: Harness | undefined;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness?.closePages();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it.each(CASES)(
    'shows $who its own entries only, and refuses $forbidden',
    async ({ who, home, entries, forbidden }) => {
      if (!harness) throw new Error('harness did not start');
      const page = await harness.open(who, '/');

      // Home is the role's first screen, and the menu is exactly the role's.
      await page.waitForURL(home);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').first().waitFor();
      expect(await navigationLabels(page)).toEqual(entries);

      // A screen of another role, typed in the address bar: refused in words, menu unchanged.
      await page.goto(forbidden);
      await heading(page, FORBIDDEN);
      await page.getByText('Votre rôle ne donne pas accès à cet écran.', { exact: false }).waitFor();
      expect(page.url()).toMatch(new RegExp(`${forbidden.replace(/\//g, '\\/')}$`));
      expect(await navigationLabels(page)).toEqual(entries);
      expect(await axeViolations(page)).toEqual([]);

      // The way back leads to the role's home screen.
      await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
      await page.waitForURL(home);
    },
  );
});
