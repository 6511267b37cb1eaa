import type { UserSummary } from '@app/contracts';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  hasFocus,
  heading,
  NARROW,
  overflowsSideways,
  startHarness,
  tabTo,
  type Harness,
} from './harness';

jest.setTimeout(60_000);

describe('administration: users', () => {
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

  it('invites a user, hands over the link, changes their roles, handles a conflict and disables them', async () => {
    const page = await h().open('adminA', '/admin/users');
    await heading(page, 'Utilisateurs');
    await page.getByRole('link', { name: 'worker.a1' }).waitFor();
    await page.getByText('7 comptes', { exact: true }).waitFor();
    await expectAxeClean(page);

    // Invitation, by keyboard: the dialog opens on the email field.
    await page.getByRole('button', { name: 'Inviter un·e utilisateur·rice' }).focus();
    await page.keyboard.press('Enter');
    const invite = page.getByRole('dialog', { name: 'Inviter un·e utilisateur·rice' });
    await invite.waitFor();
    await page.keyboard.type('camille.invitee@world.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Camille Invitée');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Intervenant·e social·e
    await invite.getByRole('checkbox', { name: 'Site A1 (AAA)' }).check();
    await invite.getByLabel('Équipe', { exact: true }).selectOption({ label: 'Team A1' });
    await expectAxeClean(page);
    await tabTo(page, invite.getByRole('button', { name: 'Créer le compte' }));
    await page.keyboard.press('Enter');

    // The link to hand over, never a password chosen for someone else.
    const done = page.getByRole('dialog', { name: 'Compte créé' });
    await done.waitFor();
    expect(await done.getByLabel('Lien à transmettre').inputValue()).toMatch(/\/reset-password#token=[\w-]+$/);
    await done
      .getByText(
        /^Transmettez ce lien à la personne\s;\s+il n’est valable qu’une fois, jusqu’au \d{1,2} \S+ \d{4} à \d{2}:\d{2}\.$/,
      )
      .waitFor();
    await done.getByRole('link', { name: 'Ouvrir la fiche du compte' }).click();

    await heading(page, 'Camille Invitée');
    const userId = page.url().split('/').pop() ?? '';
    expect(await page.getByRole('checkbox', { name: 'Site A1 (AAA)' }).isChecked()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Équipe du compte' }).inputValue()).toBe(h().world.teamA1);
    await expectAxeClean(page);

    // Roles, by keyboard; the confirmation says the sessions end.
    const coordinator = page.getByRole('checkbox', { name: 'Coordinateur·rice' });
    await tabTo(page, coordinator);
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer les rôles' }));
    await page.keyboard.press('Enter');
    const confirmRoles = page.getByRole('dialog', { name: 'Enregistrer les rôles ?' });
    await confirmRoles.getByText(/Intervenant·e social·e, Coordinateur·rice/).waitFor();
    await confirmRoles.getByText(/Les sessions ouvertes de Camille Invitée seront fermées/).waitFor();
    await page.keyboard.press('Enter'); // focus starts on the confirming button
    await page.getByText('Rôles enregistrés. Ses sessions ouvertes ont été fermées.').waitFor();
    await confirmRoles.waitFor({ state: 'hidden' });
    const afterRoles = await asAdmin<UserSummary>('GET', `/api/users/${userId}`);
    expect(afterRoles.roles).toEqual(['coordinator', 'social_worker']);

    // Someone else renames the account while it is being edited: 409, both versions, "Recharger".
    const nameField = page.getByLabel('Nom affiché', { exact: true });
    await nameField.fill('Camille I.');
    await asAdmin('PATCH', `/api/users/${userId}`, {
      displayName: 'Camille (autre admin)',
      version: afterRoles.version,
    });
    await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Modifié entre-temps' });
    await conflict.getByText(/^Votre saisie\s:\sCamille I\.$/).waitFor();
    await conflict.getByText(/^Version actuelle\s:\sCamille \(autre admin\)$/).waitFor();
    await conflict.getByRole('button', { name: 'Recharger' }).click();
    await heading(page, 'Camille (autre admin)');
    expect(await nameField.inputValue()).toBe('Camille (autre admin)');
    await nameField.fill('Camille Invitée');
    await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
    await page.getByText('Profil enregistré.').waitFor();
    await heading(page, 'Camille Invitée');

    // A new reset link.
    await page.getByRole('button', { name: 'Créer un lien de réinitialisation' }).click();
    const confirmLink = page.getByRole('dialog', { name: 'Créer un lien de réinitialisation ?' });
    await confirmLink.getByRole('button', { name: 'Créer un lien de réinitialisation' }).click();
    await page.getByText('Lien de réinitialisation créé pour Camille Invitée.').waitFor();
    expect(await page.getByLabel('Lien à transmettre').inputValue()).toMatch(/\/reset-password#token=/);

    // Disabling: a dangerous action, so focus starts on "Annuler".
    await page.getByRole('button', { name: 'Désactiver le compte' }).click();
    const confirmDisable = page.getByRole('dialog', { name: 'Désactiver le compte ?' });
    await confirmDisable.getByText(/Camille Invitée ne pourra plus se connecter/).waitFor();
    await confirmDisable.getByText(/Les sessions ouvertes de Camille Invitée seront fermées/).waitFor();
    expect(await hasFocus(confirmDisable.getByRole('button', { name: 'Annuler' }))).toBe(true);
    await confirmDisable.getByRole('button', { name: 'Désactiver le compte' }).click();
    await page.getByText(/^Compte désactivé\s: Camille Invitée ne peut plus se connecter/).waitFor();
    await page.getByRole('button', { name: 'Réactiver le compte' }).waitFor();
    expect((await asAdmin<UserSummary>('GET', `/api/users/${userId}`)).status).toBe('disabled');

    // Back on the list, filtered on disabled accounts.
    await page.getByRole('link', { name: 'Retour aux utilisateurs' }).click();
    await heading(page, 'Utilisateurs');
    await page.getByLabel('Statut', { exact: true }).selectOption('disabled');
    await page.waitForURL(/status=disabled/);
    await page.getByText('1 compte', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Camille Invitée' }).waitFor();
  });

  it('works at 390 px, in English and in French', async () => {
    const page = await h().open('adminA', '/admin/users', { viewport: NARROW, language: 'en' });
    await heading(page, 'Users');
    const cards = page.getByRole('list', { name: 'Accounts of the association' });
    await cards.getByRole('link', { name: 'worker.a1' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await overflowsSideways(page)).toBe(false);
    await expectAxeClean(page);

    // A user's page and the teams and sites, in French, where labels run longest.
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await heading(page, 'Utilisateurs');
    await page.getByRole('list', { name: 'Comptes de l’association' }).getByRole('link', { name: 'target.a' }).click();
    await heading(page, 'target.a');
    await page.getByRole('button', { name: 'Réinitialiser la vérification en deux étapes' }).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await expectAxeClean(page);

    await page.goto('/admin/teams-and-sites');
    await heading(page, 'Équipes et sites');
    await page.getByRole('list', { name: 'Sites de l’association' }).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await expectAxeClean(page);
  });
});
