import type { AssociationSettingsView } from '@app/contracts';
import type { Page } from 'playwright-core';
import { axeViolations, hasFocus, heading, startHarness, type Harness } from './harness';

jest.setTimeout(60_000);

describe('administration: sites, teams, settings', () => {
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

  function h(): Harness {
    if (!harness) throw new Error('harness did not start');
    return harness;
  }

  /** What another admin does meanwhile, straight through the API. */
  function asAdmin<T>(method: 'GET' | 'PATCH', url: string, body?: unknown): Promise<T> {
    return h().api<T>('adminA', method, url, body);
  }

  async function expectAxeClean(page: Page): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
  }

  it('creates a site and a team, renames a team, changes the settings through a conflict, lists the events', async () => {
    const page = await h().open('adminA', '/admin/teams-and-sites');
    await heading(page, 'Équipes et sites');
    await page.getByRole('cell', { name: 'Site A2', exact: true }).waitFor();
    await expectAxeClean(page);

    // A site: Corsica's old "20" is refused with the rule in words, then "59" goes through.
    await page.getByLabel('Nom du site').fill('Site Nord');
    await page.getByLabel('Code', { exact: true }).fill('nrd');
    await page.getByLabel('Département', { exact: true }).fill('20');
    await page.getByRole('button', { name: 'Ajouter le site' }).click();
    await page.getByText(/Saisissez un code de département/).waitFor();
    await page.getByLabel('Département', { exact: true }).fill('59');
    await page.getByRole('button', { name: 'Ajouter le site' }).click();
    await page.getByText(/^Site «\sSite Nord\s» ajouté\.$/).waitFor();
    await page.getByRole('cell', { name: 'NRD', exact: true }).waitFor();

    // A code already used is explained on its field.
    await page.getByLabel('Nom du site').fill('Site bis');
    await page.getByLabel('Code', { exact: true }).fill('AAA');
    await page.getByLabel('Département', { exact: true }).fill('75');
    await page.getByRole('button', { name: 'Ajouter le site' }).click();
    await page.getByText('Un autre site utilise déjà ce code. Choisissez-en un autre.').waitFor();

    // A team in the new site, then a rename.
    await page.getByLabel('Nom de l’équipe').fill('Équipe Nord');
    await page.getByLabel('Site', { exact: true }).selectOption({ label: 'Site Nord' });
    await page.getByRole('button', { name: 'Ajouter l’équipe' }).click();
    await page.getByText(/^Équipe «\sÉquipe Nord\s» ajoutée\.$/).waitFor();
    await page.getByRole('cell', { name: 'Équipe Nord', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Renommer l’équipe Team A2' }).click();
    const rename = page.getByRole('dialog', { name: 'Renommer l’équipe' });
    await rename.getByLabel('Nom de l’équipe').fill('Team A2 bis');
    await expectAxeClean(page);
    await rename.getByRole('button', { name: 'Enregistrer le nom' }).click();
    await page.getByText(/^Équipe renommée\s: «\sTeam A2 bis\s»\.$/).waitFor();
    await page.getByRole('cell', { name: 'Team A2 bis', exact: true }).waitFor();

    // Settings: out of range, then saved; then another admin saves first and ours is kept anyway.
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await heading(page, 'Paramètres');
    const hours = page.getByLabel('Durée d’un bris de glace (heures)');
    expect(await hours.inputValue()).toBe('24');
    await expectAxeClean(page);
    await hours.fill('80');
    await page.getByRole('button', { name: 'Enregistrer les paramètres', exact: true }).click();
    await page.getByText(/^Saisissez un nombre entier d’heures, de 1 à 72\.$/).waitFor();
    await hours.fill('12');
    await page.getByRole('button', { name: 'Enregistrer les paramètres', exact: true }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();

    const current = await asAdmin<AssociationSettingsView>('GET', '/api/settings');
    expect(current.breakGlassHours).toBe(12);
    await asAdmin('PATCH', '/api/settings', { noContactDays: 45, version: current.version });
    await page.getByLabel('Alerte sans contact (jours)').fill('60');
    await page.getByRole('button', { name: 'Enregistrer les paramètres', exact: true }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Modifié entre-temps' });
    await conflict.waitFor();
    await expectAxeClean(page);
    await conflict.getByRole('button', { name: 'Enregistrer ma saisie' }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();
    const saved = await asAdmin<AssociationSettingsView>('GET', '/api/settings');
    expect([saved.breakGlassHours, saved.noContactDays]).toEqual([12, 60]);

    // A reminder lead time, by keyboard: out of range is refused next to the field, then saved.
    const appointmentLead = page.getByLabel('Rappel de rendez-vous (jours avant)');
    expect(await appointmentLead.inputValue()).toBe('1');
    await appointmentLead.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('31');
    await page.keyboard.press('Enter');
    await page.getByText(/^Saisissez un nombre entier de jours, de 0 à 30\.$/).waitFor();
    // The field in error has the focus: the fix is typed straight away.
    expect(await hasFocus(appointmentLead)).toBe(true);
    await expectAxeClean(page);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.getByText('Paramètres enregistrés.').waitFor();
    const leadSaved = await asAdmin<AssociationSettingsView>('GET', '/api/settings');
    expect([leadSaved.appointmentLeadDays, leadSaved.retentionYears, leadSaved.noContactDays]).toEqual([2, 2, 60]);

    // The admins' own view of the trail shows what was just done.
    await page.getByRole('link', { name: 'Voir les événements des comptes et des paramètres' }).click();
    await heading(page, 'Événements des comptes');
    const events = page.getByRole('table', { name: 'Événements des comptes' });
    await events.getByText('Paramètres modifiés').first().waitFor();
    await events.getByText('team.created', { exact: true }).waitFor();
    await events.getByText('site.created', { exact: true }).waitFor();
    await expectAxeClean(page);
  });
});
