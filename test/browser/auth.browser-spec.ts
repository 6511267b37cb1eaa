import { createAccount } from '../support/accounts';
import { startTestServer } from '../support/test-app';
import { launchChromium } from './harness';
// Named import on purpose: see shell.browser-spec.ts.
import { AxeBuilder } from '@axe-core/playwright';
import { generateSync } from 'otplib';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

jest.setTimeout(90_000);

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };

// Long enough for the policy, and in no list of common passwords.
const PASSWORD = 'quatre chats gris sous la pluie de mars';

// The French words the tests look for, in one place (apps/web/src/i18n/fr.json).
const FR = {
  loginTitle: 'Connexion',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  wrongCredentials: 'Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie, puis réessayez.',
  signedOut: 'Vous êtes déconnecté·e.',
  enrolTitle: 'Activer la vérification en deux étapes',
  qrAlt: 'QR code à scanner avec votre application d’authentification',
  secret: 'Clé de configuration',
  code: 'Code à 6 chiffres',
  activate: 'Activer',
  codesTitle: 'Vos codes de secours',
  codesList: 'Codes de secours',
  kept: 'J’ai conservé mes codes',
  keptRequired: 'Cochez cette case une fois vos codes conservés',
  continue: 'Continuer',
  mfaTitle: 'Vérification en deux étapes',
  useRecovery: 'Utiliser un code de secours',
  recoveryCode: 'Code de secours',
  verify: 'Vérifier',
  signOut: 'Se déconnecter',
  status: 'État du service',
} as const;

describe('sign-in', () => {
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

  function testServer(): TestServer {
    if (!server) throw new Error('server did not start');
    return server;
  }

  /** A fresh context per test: no cookie or language choice leaks from one test to the next. */
  async function open(path: string, viewport = WIDE): Promise<Page> {
    if (!browser) throw new Error('browser did not start');
    const context = await browser.newContext({ baseURL: testServer().baseUrl, viewport, locale: 'fr-FR' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(20_000);
    await page.goto(path);
    return page;
  }

  async function axeViolations(page: Page): Promise<string[]> {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  }

  async function heading(page: Page, name: string): Promise<void> {
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
  }

  /**
   * The server's TOTP code for `secret`, `stepsAhead` time steps after the server's clock. The test
   * app runs on an injected clock (test/support/test-app.ts), not the machine's, and the server
   * accepts each step once, within ±1 step of its clock.
   */
  function totp(secret: string, stepsAhead = 0): string {
    const epoch = Math.floor(testServer().testApp.clock.now().getTime() / 1000) + stepsAhead * 30;
    return generateSync({ secret, epoch });
  }

  /** Presses Tab until `target` has focus (at most `max` times): the way a keyboard user gets there. */
  async function tabTo(page: Page, target: Locator, max = 20): Promise<void> {
    const id = await target.getAttribute('id');
    if (!id) throw new Error(`${target.toString()} has no id`);
    for (let i = 0; i < max; i++) {
      // A string, not a function: this file is compiled without the DOM's types.
      const focused: unknown = await page.evaluate('document.activeElement?.id ?? null');
      if (focused === id) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  }

  async function fillLogin(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel(FR.email, { exact: true }).fill(email);
    // exact: the show/hide button is named "Afficher le mot de passe".
    await page.getByLabel(FR.password, { exact: true }).fill(password);
  }

  it('enrols the second factor at the first sign-in, then signs in again with a code', async () => {
    const email = 'camille.enrol@association.test';
    await createAccount(testServer().testApp, {
      email,
      password: PASSWORD,
      displayName: 'Camille Test',
      mfaRequired: true,
    });

    // Password step, submitted with Enter.
    const page = await open('/login');
    await heading(page, FR.loginTitle);
    expect(await axeViolations(page)).toEqual([]);
    await fillLogin(page, email, PASSWORD);
    await page.getByLabel(FR.password, { exact: true }).press('Enter');

    // Enrolment: QR code with a text alternative, and the secret to type by hand, grouped by 4.
    await page.waitForURL('**/login/enrol');
    await heading(page, FR.enrolTitle);
    await page.getByRole('img', { name: FR.qrAlt }).waitFor();
    const grouped = await page.getByLabel(FR.secret, { exact: true }).inputValue();
    expect(grouped).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const secret = grouped.replace(/\s+/g, '');
    expect(await axeViolations(page)).toEqual([]);

    const enrolCode = page.getByLabel(FR.code, { exact: true });
    expect(await enrolCode.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await enrolCode.getAttribute('inputmode')).toBe('numeric');
    await enrolCode.fill(totp(secret));
    await page.getByRole('button', { name: FR.activate, exact: true }).click();

    // Recovery codes, shown once; continuing needs the box ticked.
    await heading(page, FR.codesTitle);
    const codes = await page.getByRole('region', { name: FR.codesList }).getByRole('listitem').allTextContents();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code.trim()).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/i);
    expect(new Set(codes).size).toBe(10);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: FR.continue, exact: true }).click();
    await page.getByText(FR.keptRequired).waitFor();
    expect(page.url()).toMatch(/\/login\/enrol$/);
    await page.getByRole('checkbox', { name: FR.kept }).check();
    await page.getByRole('button', { name: FR.continue, exact: true }).click();

    // Signed in: the account menu shows who.
    await page.waitForURL('**/status');
    await heading(page, FR.status);
    const accountMenu = page.getByRole('button', { name: /Camille Test/ });
    await accountMenu.waitFor();
    expect(await accountMenu.textContent()).toContain('Camille Test');

    // Sign out through the account menu, by keyboard.
    await accountMenu.focus();
    await page.keyboard.press('Enter');
    const signOut = page.getByRole('menuitem', { name: FR.signOut });
    await signOut.waitFor();
    await signOut.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/login');
    await heading(page, FR.loginTitle);
    await page.getByText(FR.signedOut, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /Camille Test/ }).count()).toBe(0);

    // Signed out means signed out: a signed-in screen sends back to the sign-in page…
    await page.goto('/account/security');
    await page.waitForURL('**/login');
    await heading(page, FR.loginTitle);

    // …and, once signed in again, on to that screen. Keyboard only: password step, then the code
    // of the next time step (this step's code was spent on the enrolment).
    await tabTo(page, page.getByLabel(FR.email, { exact: true }));
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    await page.waitForURL('**/login/mfa');
    await heading(page, FR.mfaTitle);
    const mfaCode = page.getByLabel(FR.code, { exact: true });
    expect(await mfaCode.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await mfaCode.getAttribute('inputmode')).toBe('numeric');
    expect(await axeViolations(page)).toEqual([]);

    // The recovery-code field is one click away, and back.
    await page.getByRole('button', { name: FR.useRecovery }).click();
    await page.getByLabel(FR.recoveryCode, { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Utiliser le code de l’application' }).click();

    await tabTo(page, page.getByLabel(FR.code, { exact: true }));
    await page.keyboard.type(totp(secret, 1));
    await page.keyboard.press('Enter');

    await page.waitForURL('**/account/security');
    await heading(page, 'Sécurité du compte');
    await page.getByRole('button', { name: /Camille Test/ }).waitFor();
  });

  it('refuses a wrong password with the same words whether or not the account exists', async () => {
    const email = 'dominique.refus@association.test';
    await createAccount(testServer().testApp, { email, password: PASSWORD, displayName: 'Dominique Test' });

    const page = await open('/login');
    await heading(page, FR.loginTitle);
    await fillLogin(page, email, 'pas le bon mot de passe');
    await page.getByRole('button', { name: FR.signIn, exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(FR.wrongCredentials, { exact: true }).waitFor();
    expect(page.url()).toMatch(/\/login$/);

    await fillLogin(page, 'personne@association.test', 'pas le bon mot de passe');
    // Same alert, same words; wait for the second answer before reading it.
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: FR.signIn, exact: true }).click();
    expect((await answered).status()).toBe(401);
    await alert.getByText(FR.wrongCredentials, { exact: true }).waitFor();
    expect(await alert.innerText()).toContain(FR.wrongCredentials);
    expect(await axeViolations(page)).toEqual([]);

    // The right password still works, and an account without MFA goes straight in.
    await fillLogin(page, email, PASSWORD);
    await page.getByRole('button', { name: FR.signIn, exact: true }).click();
    await page.waitForURL('**/status');
    await page.getByRole('button', { name: /Dominique Test/ }).waitFor();
  });

  it('asks for the missing fields without calling the server', async () => {
    const page = await open('/login');
    await heading(page, FR.loginTitle);
    let calls = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/login')) calls++;
    });
    await page.getByRole('button', { name: FR.signIn, exact: true }).click();
    await page.getByText('Saisissez votre adresse e-mail.').waitFor();
    expect(await page.getByLabel(FR.email, { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(calls).toBe(0);
  });

  it('sends a signed-out visitor to the sign-in page, but shows the service status', async () => {
    const page = await open('/account/security');
    await page.waitForURL('**/login');
    await heading(page, FR.loginTitle);

    await page.goto('/status');
    await heading(page, FR.status);
    await page.getByRole('link', { name: FR.signIn }).waitFor();
  });

  it('fits a 390 px screen, and has no axe violations in English', async () => {
    const email = 'sacha.etroit@association.test';
    await createAccount(testServer().testApp, {
      email,
      password: PASSWORD,
      displayName: 'Sacha Test',
      mfaRequired: true,
    });

    const page = await open('/login', NARROW);
    await heading(page, FR.loginTitle);
    // Horizontal overflow in pixels (a string for the same reason as in tabTo).
    const overflow = async () =>
      Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);

    await fillLogin(page, email, PASSWORD);
    await page.getByRole('button', { name: FR.signIn, exact: true }).click();
    await page.waitForURL('**/login/enrol');
    await page.getByRole('img', { name: FR.qrAlt }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await heading(page, 'Set up two-step verification');
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
