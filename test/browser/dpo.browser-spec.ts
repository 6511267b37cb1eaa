import { BreakGlassService } from '@app/access';
import { inTransaction } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Page } from 'playwright-core';
import { axeViolations, heading, startHarness, type Harness } from './harness';

jest.setTimeout(60_000);

const REASON = 'Appel du 115 : la personne demande son référent, absent aujourd’hui.';

/** A day as the date field takes it, in Paris time, `days` after `instant`. */
function parisDay(instant: Date, days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(instant.getTime() + days * 86_400_000),
  );
}

describe('data protection officer', () => {
  let harness: Harness | undefined;

  beforeAll(async () => {
    harness = await startHarness();
    const { server, world } = harness;
    const app = server.testApp.app;

    // Something to find in the trail: a settings change by the admin…
    const settings = await harness.api<{ version: number }>('adminA', 'GET', '/api/settings');
    await harness.api('adminA', 'PATCH', '/api/settings', { noContactDays: 40, version: settings.version });
    // …and a refusal: a social worker asking for the admin screens' data.
    const workerSession = world.sessions.workerA1;
    if (!workerSession) throw new Error('no worker session');
    const refused = await app.inject({ method: 'GET', url: '/api/users', headers: workerSession.headers });
    expect(refused.statusCode).toBe(403);

    // A break-the-glass opening by worker A1, as the people lib would record it.
    await inTransaction(
      app.get(DataSource),
      {
        requestId: 'browser-break-glass',
        now: server.testApp.clock.now(),
        actor: { userId: world.users.workerA1, associationId: world.associationA, roles: ['social_worker'] },
      },
      (ctx) => app.get(BreakGlassService).open(ctx, randomUUID(), REASON),
    );
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

  async function expectAxeClean(page: Page): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
  }

  async function search(page: Page): Promise<void> {
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/audit');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await answered;
  }

  it('searches the trail by action code, actor and day, and exports the result', async () => {
    const { world } = h();
    const page = await h().open('dpoA', '/audit');
    await heading(page, 'Journal d’audit');
    await page.getByText(/^\d+ entrées$/).waitFor();
    await expectAxeClean(page);

    // By action code: the admin's settings change, named in words, the raw code kept visible.
    await page.getByLabel('Code d’action').fill('settings.updated');
    await search(page);
    await page.getByText('1 entrée', { exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Entrées du journal d’audit' });
    await table.getByText('Paramètres modifiés', { exact: true }).waitFor();
    await table.getByText('settings.updated', { exact: true }).waitFor();
    await table.getByText(`${world.users.adminA.slice(0, 8)}…`, { exact: true }).waitFor();
    // Only ids, codes and days ever reach the address bar.
    const params = [...new URL(page.url()).searchParams.keys()];
    expect(params.every((key) => ['actorId', 'action', 'objectId', 'from', 'to', 'page'].includes(key))).toBe(true);

    // The export follows the search shown.
    const href = await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href');
    expect(href).toBe('/api/audit/export?action=settings.updated');
    const csv = await page.request.get(href ?? '');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^"?id"?,"?occurred_at"?/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('settings.updated');

    // By actor and action: the worker's refused read of the users list.
    await page.getByLabel('Code d’action').fill('refused.get');
    await page.getByLabel('Identifiant de l’acteur·rice').fill(world.users.workerA1);
    await search(page);
    await table.getByText('Accès refusé (lecture)').first().waitFor();
    await table.getByText('Refusée', { exact: true }).first().waitFor();

    // A shortened id is refused next to its field, before anything is sent.
    await page.getByLabel('Identifiant de l’acteur·rice').fill(world.users.workerA1.slice(0, 8));
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText(/^Saisissez l’identifiant complet/).waitFor();
    await expectAxeClean(page);

    // By day, in Paris time: today holds the change, tomorrow nothing yet; a reversed range is refused.
    const now = h().server.testApp.clock.now();
    await page.getByLabel('Identifiant de l’acteur·rice').fill('');
    await page.getByLabel('Code d’action').fill('settings.updated');
    await page.getByLabel('Du', { exact: true }).fill(parisDay(now));
    await page.getByLabel('Au (inclus)').fill(parisDay(now));
    await search(page);
    await page.getByText('1 entrée', { exact: true }).waitFor();
    await page.getByLabel('Du', { exact: true }).fill(parisDay(now, 1));
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('La date de fin doit être la même que la date de début, ou après.').waitFor();
    await page.getByLabel('Au (inclus)').fill(parisDay(now, 1));
    await search(page);
    await page.getByText('Aucune entrée ne correspond à ces filtres.', { exact: false }).waitFor();
    await expectAxeClean(page);
  });

  it('runs the verification and says the trail is intact', async () => {
    const page = await h().open('dpoA', '/audit/verification');
    await heading(page, 'Vérification du journal d’audit');
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'Lancer la vérification' }).click();
    const outcome = page.getByRole('status').filter({ hasText: 'Journal intègre' });
    await outcome.getByText(/^Journal intègre\s: aucune anomalie détectée\.$/).waitFor();
    expect(await page.locator('[data-outcome="ok"]').count()).toBe(1);
    const figures = page.getByRole('region', { name: 'Chiffres' });
    await figures.getByText('Entrées pas encore scellées').waitFor();
    await figures.getByText(/le scellement passe toutes les quelques secondes/).waitFor();
    expect(await page.getByRole('region', { name: 'Anomalies' }).count()).toBe(0);
    await expectAxeClean(page);
  });

  it('lists each anomaly in words when the verifier finds some', async () => {
    // A tampered trail cannot be made from here (the runtime role may not change entries): the
    // verifier's answer is replaced in the browser to show how a failure reads.
    const page = await h().open('dpoA', '/audit/verification');
    await page.route('**/api/audit/verify', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          ok: false,
          seals: 4,
          sealedEntries: 120,
          unsealedEntries: 3,
          problems: [
            { kind: 'altered', seal: 4, position: 12, entryId: '123' },
            { kind: 'inserted', seal: 4, entryId: '130' },
            { kind: 'chain_broken', seal: 3 },
          ],
        }),
      }),
    );
    await page.getByRole('button', { name: 'Lancer la vérification' }).click();
    await page.getByText(/^3 anomalies détectées\s: le journal a été modifié en dehors d’Envol\.$/).waitFor();
    expect(await page.locator('[data-outcome="problems"]').count()).toBe(1);
    const problems = page.getByRole('region', { name: 'Anomalies' }).getByRole('listitem');
    expect(await problems.allTextContents()).toEqual([
      'Entrée 123 modifiée (sceau 4, position 12)',
      'Entrée 130 ajoutée après coup (sceau 4)',
      'Chaîne rompue au sceau 3\u00a0: il ne suit plus le sceau précédent',
    ]);
    await expectAxeClean(page);
  });

  it('marks a break-the-glass opening as reviewed', async () => {
    const page = await h().open('dpoA', '/audit/break-glass');
    await heading(page, 'Bris de glace à revoir');
    const table = page.getByRole('table', { name: 'Bris de glace' });
    await table.getByText(REASON).waitFor();
    await page.getByText('1 bris de glace à revoir', { exact: true }).waitFor();
    await table.getByText(`${h().world.users.workerA1.slice(0, 8)}…`, { exact: true }).waitFor();
    await expectAxeClean(page);

    await table.getByRole('button', { name: /^Marquer comme revu le bris de glace du / }).click();
    await page.getByText(/^Bris de glace du .+ marqué comme revu\.$/).waitFor();
    await page.getByText(/^Aucun bris de glace à revoir\./).waitFor();

    // Every opening, reviewed ones included.
    await page.getByText('Tous', { exact: true }).click();
    await page.waitForURL(/show=all/);
    await table.getByText(/^Revu le /).waitFor();
    const grants = await h().api<Array<{ reviewedAt: string | null }>>(
      'dpoA',
      'GET',
      '/api/break-glass-grants?show=all',
    );
    expect(grants).toHaveLength(1);
    expect(grants[0]?.reviewedAt).not.toBeNull();
    await expectAxeClean(page);
  });
});
