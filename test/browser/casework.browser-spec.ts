import type { Page } from 'playwright-core';
import { signIn } from '../support/accounts';
import { axeViolations, hasFocus, heading, startHarness, WIDE, type Harness } from './harness';

jest.setTimeout(90_000);

interface Note {
  id: string;
  type: string;
  text: string;
  version: number;
}

describe('casework: journal, appointments, quick exit', () => {
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

  it('logs a note with the keyboard alone in five actions or fewer, and says how long it took', async () => {
    const personId = h().world.personA1;
    const page = await h().open('workerA1', `/persons/${personId}`);
    await heading(page, 'Testa Fictiva');
    await page.getByRole('region', { name: 'Nouvelle note' }).waitFor();
    await page.getByText(/Aucune note pour l’instant|note\(s\) affichée/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const text = `Appel de suivi, rendez-vous CAF confirmé ${Date.now() % 100000}`;
    const actions: string[] = [];
    const act = async (label: string, run: () => Promise<void>) => {
      actions.push(label);
      await run();
    };
    const started = Date.now();
    await act('n: to the quick entry', () => page.keyboard.press('n'));
    expect(await hasFocus(page.getByLabel('Type', { exact: true }))).toBe(true);
    await act('ArrowDown: phone call', () => page.keyboard.press('ArrowDown'));
    await act('Tab: to the note', () => page.keyboard.press('Tab'));
    await act('type the note', () => page.keyboard.type(text));
    await act('Ctrl+Enter: save', () => page.keyboard.press('Control+Enter'));
    await page.getByText('Note enregistrée.').waitFor();
    await page.getByRole('list', { name: 'Journal' }).getByText(text).waitFor();
    const elapsed = Date.now() - started;
    process.stdout.write(
      `casework: keyboard note saved in ${actions.length} actions, ${elapsed} ms from the first keystroke to the saved note (${text.length} characters typed)\n`,
    );
    expect(actions.length).toBeLessThanOrEqual(5);

    const saved = await h().api<{ items: Note[] }>('workerA1', 'GET', `/api/persons/${personId}/events?pageSize=5`);
    expect(saved.items[0]).toMatchObject({ type: 'phone_call', text, confidentiality: 'team' });
    // The box is empty again and the last contact moved: the header says so.
    await expect(page.getByLabel('Note', { exact: true }).inputValue()).resolves.toBe('');
    expect(await page.getByText('Aucun contact', { exact: false }).count()).toBe(0);
  });

  it('shows the edit history, the file’s appointments and the agenda, axe-clean', async () => {
    const personId = h().world.personA1;
    const note = await h().api<Note>('workerA1', 'POST', `/api/persons/${personId}/events`, {
      type: 'interview',
      text: 'Version initiale de la note',
    });
    await h().api('workerA1', 'PATCH', `/api/events/${note.id}`, {
      version: note.version,
      text: 'Version corrigée de la note',
    });
    const startsAt = new Date(Date.now() + 86_400_000);
    startsAt.setHours(10, 0, 0, 0);
    await h().api('workerA1', 'POST', `/api/persons/${personId}/appointments`, {
      startsAt: startsAt.toISOString(),
      durationMinutes: 90,
      counterpart: 'administration',
      personAttends: true,
      place: 'Préfecture, guichet 4',
      purpose: 'Dépôt de la demande de titre',
    });

    const page = await h().open('workerA1', `/persons/${personId}`);
    await heading(page, 'Testa Fictiva');
    const journal = page.getByRole('list', { name: 'Journal' });
    await journal.getByText('Version corrigée de la note').waitFor();
    await page
      .getByRole('button', { name: /^Historique de la note «\s*Entretien\s*»$/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Versions de la note' });
    await dialog.getByText('Version initiale de la note').waitFor();
    await dialog.getByText('Version corrigée de la note').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: 'Rendez-vous' }).click();
    await page.getByText('Dépôt de la demande de titre').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/agenda');
    await heading(page, 'Agenda');
    await page.getByText('Dépôt de la demande de titre').waitFor();
    await page
      .getByText(/Testa Fictiva/)
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('documents the quick exit in the help page reached from the account menu', async () => {
    const page = await h().open('workerA1', '/caseload');
    await heading(page, 'Ma file active');
    await page.getByRole('button', { name: /^Compte/ }).click();
    await page.getByRole('menuitem', { name: 'Aide' }).click();
    await heading(page, 'Aide');
    await page.getByRole('heading', { name: 'Sortie rapide' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  /** A page on a session of its own: the quick exit ends it, which must not end the shared one. */
  async function ownSession(): Promise<{ page: Page; headers: Record<string, string> }> {
    const session = await signIn(h().server.testApp, h().world.users.workerA1);
    const context = await h().browser.newContext({ baseURL: h().server.baseUrl, viewport: WIDE, locale: 'fr-FR' });
    const value = session.cookie.slice(session.cookie.indexOf('=') + 1);
    await context.addCookies([{ name: 'envol_session', value, url: h().server.baseUrl }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { page, headers: session.headers };
  }

  it.each([
    ['the button', (page: Page) => page.getByRole('button', { name: 'Sortie rapide' }).click()],
    [
      'Escape twice',
      async (page: Page) => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
      },
    ],
  ])(
    'quick exit with %s: a neutral page at once, nothing back with the back button, the session ended',
    async (_label, leave) => {
      const secret = `Note très confidentielle ${Date.now() % 100000}`;
      await h().api('workerA1', 'POST', `/api/persons/${h().world.personA1}/events`, {
        type: 'interview',
        text: secret,
      });
      const { page, headers } = await ownSession();
      try {
        await page.goto('/caseload');
        await heading(page, 'Ma file active');
        await page.getByRole('link', { name: 'Testa Fictiva' }).first().click();
        await heading(page, 'Testa Fictiva');
        await page.getByText(secret).waitFor();

        await leave(page);
        await page.waitForURL(/\/meteo\.html$/);
        await page.getByRole('heading', { name: 'Prévisions météo' }).waitFor();
        const shown = await page.content();
        expect(shown).not.toContain('Testa Fictiva');
        expect(shown).not.toContain(secret);
        expect(shown).not.toContain('Envol');
        await expect(page.title()).resolves.toBe('Météo');

        await page.goBack();
        await page.waitForLoadState('load');
        // Whatever the back button shows, it is not the file: at most the sign-in page.
        await page.waitForTimeout(1500);
        const after = await page.content();
        expect(after).not.toContain('Testa Fictiva');
        expect(after).not.toContain(secret);
        expect(page.url()).not.toContain(h().world.personA1);

        // The session is over on the server too.
        const me = await h().server.testApp.app.inject({ method: 'GET', url: '/api/me', headers });
        expect(me.statusCode).toBe(401);
      } finally {
        await page.context().close();
      }
    },
  );
});
