import { startTestServer } from '../support/test-app';
import { launchChromium } from './harness';
// Named import on purpose: the package's CommonJS build replaces module.exports with the class
// and hangs `default` and `AxeBuilder` off it, so the named export resolves the same under any
// interop setting, where a default import depends on the compiler's interop helper.
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';

jest.setTimeout(60_000);

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };

describe('web shell', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * A fresh context per test, so no language choice leaks from one test to the next. Opens the
   * service status, the one screen of the shell a signed-out visitor may see (`/` asks to sign in).
   */
  async function open(viewport = WIDE): Promise<Page> {
    if (!browser || !server) throw new Error('browser or server did not start');
    // axe needs a page from newContext(), not browser.newPage().
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport, locale: 'fr-FR' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(20_000);
    await page.goto('/status');
    return page;
  }

  /** Waits until the database check has answered with the given state label. */
  async function databaseCheck(page: Page, name: string, state: string): Promise<void> {
    const row = page.getByRole('listitem').filter({ hasText: name });
    // exact: "Disponible" is also the end of "Indisponible".
    await row.getByText(state, { exact: true }).waitFor();
  }

  async function switchToEnglish(page: Page): Promise<void> {
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service status' }).waitFor();
  }

  async function axeViolations(page: Page): Promise<string[]> {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  }

  it('opens the service status in French, with the database up', async () => {
    const page = await open();
    await page.waitForURL('**/status');
    await databaseCheck(page, 'Base de données', 'Disponible');

    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.title()).toBe('Envol');
    const headings = page.getByRole('heading', { level: 1 });
    expect(await headings.count()).toBe(1);
    expect(await headings.textContent()).toBe('État du service');

    const statusLink = page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'État du service', exact: true });
    expect(await statusLink.getAttribute('aria-current')).toBe('page');
  });

  it('switches to English, updates html[lang] and remembers the choice', async () => {
    const page = await open();
    await databaseCheck(page, 'Base de données', 'Disponible');

    await switchToEnglish(page);
    await databaseCheck(page, 'Database', 'Available');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('link', { name: 'Service status', exact: true }).count()).toBe(1);
    expect(await page.getByText('État du service').count()).toBe(0);

    await page.reload();
    await databaseCheck(page, 'Database', 'Available');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('reaches the skip link first by keyboard, and it moves focus to main', async () => {
    const page = await open();
    await databaseCheck(page, 'Base de données', 'Disponible');

    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Aller au contenu');
    expect(await focused.getAttribute('href')).toBe('#main');
    const box = await focused.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);

    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('main');
    expect(await page.locator('main:focus').count()).toBe(1);

    // The next Tab continues inside the content, past the header and the navigation.
    await page.keyboard.press('Tab');
    expect(await page.locator('main :focus').count()).toBe(1);
  });

  it('has no axe violations, in French and in English', async () => {
    const page = await open();
    await databaseCheck(page, 'Base de données', 'Disponible');
    expect(await axeViolations(page)).toEqual([]);

    await switchToEnglish(page);
    await databaseCheck(page, 'Database', 'Available');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('folds the navigation behind a labelled button at 390 px', async () => {
    const page = await open(NARROW);
    await databaseCheck(page, 'Base de données', 'Disponible');
    const statusLink = page.getByRole('link', { name: 'État du service', exact: true });
    expect(await statusLink.isVisible()).toBe(false);

    const burger = page.getByRole('button', { name: 'Ouvrir la navigation' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    await burger.click();
    await statusLink.waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'Fermer la navigation' }).getAttribute('aria-expanded')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
  });
});
