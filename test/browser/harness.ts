// What the role, admin and DPO browser specs share: a real API on a fresh database with the seeded
// world (test/support/world.ts), Debian's Chromium, and pages signed in through a session cookie
// (no password or TOTP step: those have their own spec, auth.browser-spec.ts).
import { startTestServer, type TestServer } from '../support/test-app';
import type { SignedIn } from '../support/accounts';
import { seedWorld, type PrincipalName, type World } from '../support/world';
// Named import on purpose: see shell.browser-spec.ts.
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const WIDE = { width: 1280, height: 800 };
export const NARROW = { width: 390, height: 844 };

// Debian's Chromium, headless; without the background-networking flags it keeps trying hosts this
// machine cannot reach (TOOLCHAIN.md).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The one way the browser specs start Chromium (path from CHROMIUM_PATH). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

export interface Harness {
  readonly server: TestServer;
  readonly browser: Browser;
  readonly world: World;
  /** A page signed in as `who`, on a context of its own (no cookie or language leaks between tests). */
  open(who: Exclude<PrincipalName, 'anonymous'>, path: string, options?: OpenOptions): Promise<Page>;
  /**
   * A request straight to the API as `who` (session cookie and CSRF token), for what someone else
   * does meanwhile (to provoke a 409) and to check what the UI saved.
   */
  api<T>(
    who: Exclude<PrincipalName, 'anonymous'>,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
  ): Promise<T>;
  /** Closes the contexts opened since the last call. */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly viewport?: { width: number; height: number };
  /** Stored as the UI's language choice before the first page loads. */
  readonly language?: 'fr' | 'en';
  /**
   * Playwright's clock installed before the first page loads: time flows as usual, and
   * `page.clock.fastForward()` brings the page's next timers (a poll every minute) forward.
   */
  readonly clock?: boolean;
}

/**
 * A page signed in with `session` on `baseUrl` (the harness's server or an API process), on a
 * browser context of its own; the caller closes `page.context()`.
 */
export async function openSignedIn(
  browser: Browser,
  baseUrl: string,
  session: SignedIn,
  path: string,
  options: OpenOptions = {},
): Promise<Page> {
  // axe needs a page from newContext(), not browser.newPage().
  const context = await browser.newContext({ baseURL: baseUrl, viewport: options.viewport ?? WIDE, locale: 'fr-FR' });
  try {
    const value = session.cookie.slice(session.cookie.indexOf('=') + 1);
    await context.addCookies([{ name: 'envol_session', value, url: baseUrl }]);
    if (options.language) {
      // The key apps/web/src/i18n/index.ts reads at start-up; only once, so that a choice made
      // on the page survives the next navigation.
      await context.addInitScript(
        `if (!window.localStorage.getItem('envol.language')) window.localStorage.setItem('envol.language', '${options.language}')`,
      );
    }
    if (options.clock) await context.clock.install();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(20_000);
    await page.goto(path);
    return page;
  } catch (error) {
    await context.close();
    throw error;
  }
}

export async function startHarness(): Promise<Harness> {
  const server = await startTestServer();
  let browser: Browser | undefined;
  try {
    const world = await seedWorld(server.testApp);
    browser = await launchChromium();
    const launched = browser;
    const contexts: BrowserContext[] = [];
    return {
      server,
      browser: launched,
      world,
      async open(who, path, options = {}) {
        const session = world.sessions[who];
        if (!session) throw new Error(`${who} has no session`);
        const page = await openSignedIn(launched, server.baseUrl, session, path, options);
        contexts.push(page.context());
        return page;
      },
      async api<T>(
        who: Exclude<PrincipalName, 'anonymous'>,
        method: 'GET' | 'POST' | 'PATCH',
        url: string,
        body?: unknown,
      ) {
        const session = world.sessions[who];
        if (!session) throw new Error(`${who} has no session`);
        const response = await server.testApp.app.inject({
          method,
          url,
          headers: { ...session.headers, accept: 'application/json', 'content-type': 'application/json' },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        });
        if (response.statusCode >= 300)
          throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
        return response.json<T>();
      },
      async closePages() {
        await Promise.all(contexts.splice(0).map((context) => context.close()));
      },
      async close() {
        await Promise.all(contexts.splice(0).map((context) => context.close()));
        await launched.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/** Waits for the page's h1 and checks it is the only one. */
export async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' }).waitFor();
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
}

/** The labels of the main navigation's links, in order. */
export async function navigationLabels(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link');
  return (await links.allTextContents()).map((text) => text.trim());
}

/** Whether `target` is the focused element. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === element.ownerDocument.activeElement);
}

/** Presses Tab until `target` has focus (at most `max` times): the way a keyboard user gets there. */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Whether the page scrolls sideways (it must not at 390 px). */
export async function overflowsSideways(page: Page): Promise<boolean> {
  const overflow: unknown = await page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth + 1',
  );
  return overflow === true;
}
