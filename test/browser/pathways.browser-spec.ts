import type { Page } from 'playwright-core';
import { parisToday, periodEnd, plusDays, plusMonths } from '@app/pathways';
import { axeViolations, heading, startHarness, type Harness } from './harness';

jest.setTimeout(240_000);

/** The period end as the UI shows it (fr, medium date, no time zone shift). */
const shown = (day: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

describe('pathways', () => {
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

  /** Clicks an allowed step, fills its form and records it. */
  async function record(page: Page, action: string, on: string, extra: Record<string, string> = {}): Promise<void> {
    await page.getByRole('group', { name: 'Étapes possibles' }).getByRole('button', { name: action }).click();
    const form = page.getByRole('form', { name: action });
    await form.getByLabel('Date', { exact: true }).fill(on);
    for (const [label, value] of Object.entries(extra)) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.waitFor({ state: 'detached' });
  }

  it('runs a PSP from preparation to its fourth period, with its deadlines, and refuses a fifth', async () => {
    // Period 1 started 19 months ago: the three renewals are in the past, period 4 is under way.
    const today = parisToday(new Date());
    const start = plusMonths(today, -19);
    const personId = h().world.personA1;
    const page = await h().open('workerA1', `/persons/${personId}`);
    await page.getByRole('tab', { name: 'Parcours' }).click();
    await page.getByRole('heading', { name: 'Ouvrir un parcours' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Prepare the PSP.
    await page.getByLabel('Type de parcours').selectOption('psp');
    await page.getByLabel('Date d’ouverture').fill(plusDays(start, -60));
    await page.getByRole('button', { name: 'Ouvrir le parcours' }).click();
    await page.getByText('Prochaine étape : construire le parcours').waitFor();
    // Only the allowed steps are offered.
    const actions = page.getByRole('group', { name: 'Étapes possibles' }).getByRole('button');
    await expect(actions.allTextContents()).resolves.toEqual([
      'Déposer la demande',
      'Abandonner',
      'Enregistrer une plainte (facultatif)',
    ]);

    // A decision cannot precede the request: refused with a clear message, nothing recorded.
    await record(page, 'Déposer la demande', plusDays(start, -50));
    await record(page, 'Enregistrer l’avis de la commission', plusDays(start, -20));
    await page
      .getByRole('group', { name: 'Étapes possibles' })
      .getByRole('button', { name: 'Enregistrer l’autorisation' })
      .click();
    const authorise = page.getByRole('form', { name: 'Enregistrer l’autorisation' });
    await authorise.getByLabel('Date', { exact: true }).fill(plusDays(start, -55));
    await authorise.getByRole('button', { name: 'Enregistrer' }).click();
    await authorise.getByRole('alert').getByText('Une décision ne peut pas précéder la demande').waitFor();
    await authorise.getByLabel('Date', { exact: true }).fill(plusDays(start, -10));
    await authorise.getByLabel('Référence de la décision').fill('PREF-75-0042');
    await authorise.getByLabel('Début de la période 1').fill(start);
    await authorise.getByRole('button', { name: 'Enregistrer' }).click();
    await authorise.waitFor({ state: 'detached' });

    // The period end, and the AFIS and APS deadlines.
    await expect(page.getByTestId('period-1-end').textContent()).resolves.toBe(shown(periodEnd(start, 6)));
    const rights = page.getByRole('form', { name: 'Enregistrer un droit ou une situation' });
    await rights.getByLabel('Type', { exact: true }).selectOption('residence_permit');
    await rights.getByLabel('État', { exact: true }).selectOption('issued');
    await rights.getByLabel('Début', { exact: true }).fill(start);
    await rights.getByLabel('Fin ou expiration').fill(plusDays(today, 40));
    await rights.getByRole('button', { name: 'Enregistrer' }).click();
    await rights.getByText('Enregistré').waitFor();
    const deadlines = page.getByRole('list', { name: 'Échéances' });
    await deadlines.getByText(/Envoyer la demande d’AFIS à la MSA/).waitFor();
    await deadlines.getByText(/Renouveler l’APS en préfecture/).waitFor();
    await page.getByRole('table', { name: 'Droits et situation' }).getByText('Expire bientôt').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Three renewals, each granted before the period ends: contiguous periods.
    let end = periodEnd(start, 6);
    for (let n = 2; n <= 4; n++) {
      await record(page, 'Déposer le renouvellement', plusDays(end, -60));
      await record(page, 'Enregistrer l’avis de la commission', plusDays(end, -30));
      await record(page, 'Enregistrer l’autorisation', plusDays(end, -10));
      const next = periodEnd(plusDays(end, 1), 6);
      await expect(page.getByTestId(`period-${n}-end`).textContent()).resolves.toBe(shown(next));
      end = next;
    }
    expect(end).toBe(periodEnd(plusMonths(start, 18), 6));

    // No fifth period: not offered, explained, and refused by the API whatever the dates.
    await page.getByText('Prochaine étape : dernière période').waitFor();
    await page.getByRole('note').getByText('Un PSP compte au plus 4 périodes').waitFor();
    await expect(actions.allTextContents()).resolves.toEqual([
      'Terminer le parcours',
      'Enregistrer une plainte (facultatif)',
    ]);
    const [pathway] = await h().api<{ id: string }[]>('workerA1', 'GET', `/api/persons/${personId}/pathways`);
    await expect(
      h().api('workerA1', 'POST', `/api/pathways/${pathway.id}/events`, { kind: 'submit_renewal', on: today }),
    ).rejects.toThrow(/409.*PERIOD_CEILING/);
    await page
      .getByText(/Projet de sortie/)
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('ends a PSP after 24 months: four contiguous periods, then completed', async () => {
    // Period 1 started 24 months ago: period 4 ended yesterday.
    const today = parisToday(new Date());
    const start = plusMonths(today, -24);
    const personId = h().world.personA2;
    const page = await h().open('workerA2', `/persons/${personId}`);
    await page.getByRole('tab', { name: 'Parcours' }).click();
    await page.getByLabel('Date d’ouverture').fill(plusDays(start, -60));
    await page.getByRole('button', { name: 'Ouvrir le parcours' }).click();
    await record(page, 'Déposer la demande', plusDays(start, -50));
    await record(page, 'Enregistrer l’avis de la commission', plusDays(start, -20));
    await record(page, 'Enregistrer l’autorisation', plusDays(start, -10), { 'Début de la période 1': start });
    // A goal by domain, updated in place.
    await page.getByLabel('Domaine').selectOption('housing');
    await page.getByLabel('Objectif', { exact: true }).fill('Entrer en CHRS');
    await page.getByRole('button', { name: 'Ajouter l’objectif' }).click();
    const goals = page.getByRole('region', { name: 'Logement' });
    await goals.getByLabel('État de « Entrer en CHRS »').selectOption('achieved');
    await goals.getByText('Enregistré').waitFor();
    await goals.getByLabel('Résultat de « Entrer en CHRS »').fill('Entrée au CHRS du quartier');
    await goals.getByRole('button', { name: 'Enregistrer le résultat' }).click();
    await expect(goals.getByLabel('État de « Entrer en CHRS »').inputValue()).resolves.toBe('achieved');
    let end = periodEnd(start, 6);
    for (let n = 2; n <= 4; n++) {
      await record(page, 'Déposer le renouvellement', plusDays(end, -60));
      await record(page, 'Enregistrer l’avis de la commission', plusDays(end, -30));
      await record(page, 'Enregistrer l’autorisation', plusDays(end, -10));
      end = periodEnd(plusDays(end, 1), 6);
    }
    expect(end).toBe(plusDays(today, -1));
    await expect(page.getByTestId('period-4-end').textContent()).resolves.toBe(shown(end));
    await page
      .getByRole('group', { name: 'Étapes possibles' })
      .getByRole('button', { name: 'Terminer le parcours' })
      .click();
    const form = page.getByRole('form', { name: 'Terminer le parcours' });
    await form.getByLabel('Date', { exact: true }).fill(today);
    await form.getByLabel('Motif de fin').selectOption('completed_24_months');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText('Prochaine étape : aucune, le parcours est terminé.').waitFor();
    await page
      .getByText(/Parcours achevé \(24 mois\)/)
      .first()
      .waitFor();
    // The situation snapshots at entry and exit (outcome indicators).
    await page.getByText(/^Entrée \(/).waitFor();
    await page.getByText(/^Sortie \(/).waitFor();
    const periods = page.getByRole('table', { name: 'Périodes d’autorisation' }).getByRole('row');
    await expect(periods.count()).resolves.toBe(5);
    // Closed: another PSP may be opened.
    await page.getByRole('heading', { name: 'Ouvrir un parcours' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the commission page of a département with the files to present', async () => {
    const page = await h().open('coordinatorA', '/commissions?departement=75');
    await heading(page, 'Commissions');
    await page.getByText('Renouvellements à présenter').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lets the admin change the AFIS amount and the lead times, defaults shown', async () => {
    const page = await h().open('adminA', '/admin/settings');
    const section = page.getByRole('region', { name: 'Parcours de sortie : durées, délais et montants' });
    await section.getByText('Par défaut : 343.20').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await section.getByLabel('AFIS pour une personne (€ par mois)').fill('350,50');
    await section.getByLabel('Rappels avant la fin d’une période (jours, séparés par des virgules)').fill('90, 45');
    await section.getByRole('button', { name: 'Enregistrer les paramètres des parcours' }).click();
    await section.getByText('Paramètres des parcours enregistrés.').waitFor();
    const view = await h().api<{ settings: { afisMonthlyCents: number; renewalLeadDays: number[] } }>(
      'adminA',
      'GET',
      '/api/pathway-settings',
    );
    expect(view.settings).toMatchObject({ afisMonthlyCents: 35050, renewalLeadDays: [90, 45] });
    await section.getByLabel('Durée d’une période (mois)').fill('six');
    await section.getByRole('button', { name: 'Enregistrer les paramètres des parcours' }).click();
    await section.getByText('Saisissez un nombre entier positif').waitFor();
  });
});
