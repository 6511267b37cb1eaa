import type { Page } from 'playwright-core';
import { personInput } from '../support/persons';
import { axeViolations, heading, NARROW, overflowsSideways, startHarness, tabTo, type Harness } from './harness';

jest.setTimeout(60_000);

describe('person files', () => {
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

  /** A file opens on its journal; the identity form is one tab away. */
  async function identityTab(page: Page, label = 'Identité'): Promise<void> {
    const tab = page.getByRole('tab', { name: label });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  }

  async function saveUsedName(page: Page, name: string): Promise<void> {
    await identityTab(page);
    await page.getByLabel('Nom d’usage').fill(name);
    await page.getByRole('button', { name: 'Enregistrer le dossier' }).click();
  }

  it('creates, finds, edits a file and resolves a conflict', async () => {
    const name = `Zélie Essai${Date.now() % 100000}`;
    const page = await h().open('workerA1', '/caseload');
    await heading(page, 'Ma file active');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Nouveau dossier' }).click();
    await heading(page, 'Nouveau dossier');
    expect(await axeViolations(page)).toEqual([]);
    // Keyboard only: to the name field, type, Enter submits the form.
    const usedName = page.getByLabel('Nom d’usage');
    await tabTo(page, usedName);
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await heading(page, name);
    expect(page.url()).toMatch(/\/persons\/[0-9a-f-]{36}$/);
    await expect(page.title()).resolves.toBe('Envol');
    await page.getByRole('region', { name: 'Contact sûr' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Found again through the search box ("/" from anywhere), without the name in the URL.
    await page.goto('/caseload');
    await heading(page, 'Ma file active');
    await page.keyboard.press('/');
    await page.keyboard.type(name.toLowerCase().replace('é', 'e'));
    await page.keyboard.press('Enter');
    const results = page.getByRole('region', { name: 'Résultats de la recherche' });
    await results.getByRole('link', { name }).first().click();
    await heading(page, name);
    expect(decodeURIComponent(page.url())).not.toContain('Essai');
    const url = page.url();

    await saveUsedName(page, `${name} bis`);
    await page.getByText('Dossier enregistré.').waitFor();
    await heading(page, `${name} bis`);

    // Two tabs of the same context: the second saves over a version that is gone.
    const second = await page.context().newPage();
    await second.goto(url);
    await heading(second, `${name} bis`);
    await saveUsedName(page, 'Prénom Premier');
    await page.getByText('Dossier enregistré.').waitFor();
    await saveUsedName(second, 'Prénom Second');
    const conflict = second.getByRole('alert').filter({ hasText: 'Modifié entre-temps' });
    await conflict.waitFor();
    await conflict.getByText('Votre saisie : Nom d’usage : Prénom Second').waitFor();
    await conflict.getByText('Version actuelle : Nom d’usage : Prénom Premier').waitFor();
    await conflict.getByRole('button', { name: 'Recharger' }).click();
    await expect(second.getByLabel('Nom d’usage').inputValue()).resolves.toBe('Prénom Premier');
    await heading(second, 'Prénom Premier');
  });

  it('opens a file out of scope by breaking the glass', async () => {
    const page = await h().open('workerA1', `/persons/${h().world.personA2}`);
    await heading(page, 'Dossier introuvable');
    await page.getByRole('button', { name: 'Bris de glace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ouvrir ce dossier par bris de glace' });
    await dialog.getByText('revue par le ou la DPO', { exact: false }).waitFor();
    await dialog.getByLabel('Raison').fill('Personne présente à l’accueil, référente absente');
    await dialog.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.getByText('Accès exceptionnel jusqu’au', { exact: false }).waitFor();
    await page.getByRole('region', { name: 'Contact sûr' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
  });

  it('prompts the orientation to child protection on a minor’s file', async () => {
    const created = await h().api<{ id: string; minor: boolean }>(
      'workerA1',
      'POST',
      '/api/persons',
      personInput({ legalName: 'Mineure Fictiva', birthDate: '2011-05-20' }),
    );
    expect(created.minor).toBe(true);
    const page = await h().open('workerA1', `/persons/${created.id}`);
    await page.getByText('Personne mineure : orientation vers la protection de l’enfance', { exact: false }).waitFor();
    await page.getByText('CRIP', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the caseload on a phone without sideways scrolling, names masked on demand', async () => {
    const page = await h().open('workerA1', '/caseload', { viewport: NARROW });
    await heading(page, 'Ma file active');
    await page
      .getByText(/dossiers?$/)
      .first()
      .waitFor();
    await page.getByLabel('Masquer les noms').check();
    expect(await overflowsSideways(page)).toBe(false);
    expect(await page.evaluate("window.localStorage.getItem('envol.maskNames')")).toBe('true');
  });

  it('shows a file in English on a phone, axe-clean, and warns before unsaved changes are lost', async () => {
    const page = await h().open('workerA1', `/persons/${h().world.personA1}`, { viewport: NARROW, language: 'en' });
    await heading(page, 'Testa Fictiva');
    await page.getByRole('region', { name: 'Safe contact' }).getByText('Never call').waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    await identityTab(page, 'Identity');
    await page.getByLabel('Used name').fill('Changed but not saved');
    await page.getByRole('link', { name: 'Back to the caseload' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unsaved changes' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByLabel('Used name').inputValue()).resolves.toBe('Changed but not saved');
    await page.getByRole('link', { name: 'Back to the caseload' }).click();
    await dialog.getByRole('button', { name: 'Leave without saving' }).click();
    await heading(page, 'My caseload');
  });

  it('warns of a possible duplicate and creates anyway on request', async () => {
    // The seeded files are "Testa Fictiva", born in 1995 (test/support/persons.ts).
    const page = await h().open('workerA1', '/persons/new');
    await heading(page, 'Nouveau dossier');
    await page.getByLabel('Nom à l’état civil').fill('Testa Fictiva');
    await page.getByLabel('Année de naissance').fill('1995');
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Un dossier existe peut-être déjà' });
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/[A-Z]{3}-\d{4}-\d{4}/);
    await warning.getByRole('button', { name: 'Créer quand même' }).click();
    await heading(page, 'Testa Fictiva');

    // The consent ledger of the new file: record one, see it listed.
    await page.getByRole('tab', { name: 'Consentements' }).click();
    await page.getByText('Aucun consentement enregistré', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer le consentement' }).click();
    await page.getByText('Consentement enregistré.', { exact: true }).waitFor();
    await page
      .getByRole('table', { name: 'Historique des consentements' })
      .getByText('Donné', { exact: true })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lists failed jobs for an admin and retries one', async () => {
    const empty = await h().open('adminA', '/admin/failed-jobs');
    await heading(empty, 'Tâches en échec');
    await empty.getByText('Aucune tâche en échec.').waitFor();
    expect(await axeViolations(empty)).toEqual([]);

    const { Client } = await import('pg');
    const client = new Client({ connectionString: h().server.testApp.db.superuserUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO outbox_job (association_id, job_name, payload, state, run_at, attempts, last_error_code)
         VALUES ($1, 'mail.send', '{}', 'failed', now(), 5, 'SMTP_UNAVAILABLE')`,
        [h().world.associationA],
      );
    } finally {
      await client.end();
    }
    const page = await h().open('adminA', '/admin/failed-jobs');
    await heading(page, 'Tâches en échec');
    await page.getByRole('table', { name: 'Tâches en échec' }).getByText('SMTP_UNAVAILABLE').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Relancer mail.send' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Relancer cette tâche ?' });
    await dialog.getByRole('button', { name: 'Relancer' }).click();
    await page.getByText('Tâche « mail.send » relancée.').waitFor();
    await page.getByText('Aucune tâche en échec.').waitFor();
  });
});
