import { AccountsService, AuthSettings, Session, UserAccount } from '@app/auth';
import { inTransaction } from '@app/platform';
import * as argon2 from 'argon2';
import { generateSync } from 'otplib';
import { DataSource } from 'typeorm';
import { cookieFrom, createAccount, signIn } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const json = { 'content-type': 'application/json' };

/** The algorithm and cost parameters of a PHC string such as $argon2id$v=19$m=19456,p=1,t=2$salt$hash. */
function params(hash: string | null): { alg: string; m: number; t: number; p: number } {
  const [, alg, , costs] = (hash ?? '').split('$');
  const kv = Object.fromEntries((costs ?? '').split(',').map((pair) => pair.split('=')));
  return { alg: alg ?? '', m: Number(kv.m), t: Number(kv.t), p: Number(kv.p) };
}

describe('authentication (assembled app, real PostgreSQL)', () => {
  let t: TestApp;
  let n = 0;
  const email = () => `person${++n}@example.test`;

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
  });

  afterAll(async () => {
    await t.close();
  });

  const login = (address: string, password: string, remoteAddress = '203.0.113.7') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: json,
      payload: { email: address, password },
      remoteAddress,
    });

  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

  const stored = (id: string) => t.app.get(DataSource).getRepository(UserAccount).findOneByOrFail({ id });

  describe('passwords', () => {
    it('hashes with argon2id at m=19456 KiB, t=2, p=1', async () => {
      const { id } = await createAccount(t, { email: email(), password: PASSWORD });
      expect(params((await stored(id)).passwordHash)).toEqual({ alg: 'argon2id', m: 19456, t: 2, p: 1 });
    });

    it('rehashes at login when the stored parameters are weaker', async () => {
      const address = email();
      const { id } = await createAccount(t, { email: address, password: PASSWORD });
      const weak = await argon2.hash(PASSWORD, {
        type: argon2.argon2id as 2,
        memoryCost: 4096,
        timeCost: 1,
        parallelism: 1,
      });
      await t.app.get(DataSource).getRepository(UserAccount).update({ id }, { passwordHash: weak });
      expect(params(weak)).toEqual({ alg: 'argon2id', m: 4096, t: 1, p: 1 });
      expect((await login(address, PASSWORD)).statusCode).toBe(200);
      expect(params((await stored(id)).passwordHash)).toEqual({ alg: 'argon2id', m: 19456, t: 2, p: 1 });
    });

    it('signs in with the right password and says what comes next', async () => {
      const address = email();
      await createAccount(t, { email: address, password: PASSWORD });
      const res = await login(address.toUpperCase(), PASSWORD);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ next: 'done' });
      const body = (await me(cookieFrom(res.headers['set-cookie']))).json();
      expect(body).toMatchObject({ email: address, stage: 'done', mfaEnabled: false });
      expect(body.csrfToken).toMatch(/^[\w-]{32}$/);
    });

    it('refuses bad bodies with 400 before looking anything up', async () => {
      for (const payload of [
        {},
        { email: 1, password: 'x' },
        { email: 'a@b.test', password: PASSWORD, role: 'admin' },
      ]) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: json, payload });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('cookies and sessions', () => {
    it('sets an httpOnly, SameSite=Strict cookie, without Secure outside production', async () => {
      const address = email();
      await createAccount(t, { email: address, password: PASSWORD });
      const cookie = String((await login(address, PASSWORD)).headers['set-cookie']);
      expect(cookie).toMatch(/^envol_session=[\w-]{43};/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/');
      expect(cookie).not.toContain('Secure');
      expect(cookie).not.toMatch(/Max-Age|Expires/);
    });

    it('ends the session at logout', async () => {
      const { id } = await createAccount(t, { email: email(), password: PASSWORD });
      const s = await signIn(t, id);
      expect((await me(s.cookie)).statusCode).toBe(200);
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/envol_session=;/);
      expect((await me(s.cookie)).statusCode).toBe(401);
    });

    it('expires after 30 idle minutes (injected clock)', async () => {
      const { id } = await createAccount(t, { email: email(), password: PASSWORD });
      const s = await signIn(t, id);
      t.clock.advance(29 * 60_000);
      expect((await me(s.cookie)).statusCode).toBe(200);
      t.clock.advance(30 * 60_000);
      const res = await me(s.cookie);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('SESSION_EXPIRED');
    });

    it('writes last_seen_at back at most once a minute, and still expires on idle', async () => {
      const { id } = await createAccount(t, { email: email(), password: PASSWORD });
      const s = await signIn(t, id);
      const seen = async () =>
        (await t.app.get(DataSource).getRepository(Session).findOneByOrFail({ id: s.sessionId })).lastSeenAt.getTime();
      const first = await seen();
      t.clock.advance(20_000);
      expect((await me(s.cookie)).statusCode).toBe(200);
      expect(await seen()).toBe(first);
      t.clock.advance(50_000);
      expect((await me(s.cookie)).statusCode).toBe(200);
      expect(await seen()).toBe(first + 70_000);
      t.clock.advance(30 * 60_000);
      expect((await me(s.cookie)).statusCode).toBe(401);
    });

    it('expires 10 hours after sign-in however active (injected clock)', async () => {
      const address = email();
      await createAccount(t, { email: address, password: PASSWORD });
      const cookie = cookieFrom((await login(address, PASSWORD)).headers['set-cookie']);
      for (let i = 0; i < 29; i++) {
        t.clock.advance(20 * 60_000);
        expect((await me(cookie)).statusCode).toBe(200);
      }
      t.clock.advance(20 * 60_000); // 10 h since sign-in
      expect((await me(cookie)).statusCode).toBe(401);
    });

    it('ends sessions of a disabled account on the next request', async () => {
      const { id } = await createAccount(t, { email: email(), password: PASSWORD });
      const s = await signIn(t, id);
      await t.app
        .get(DataSource)
        .getRepository(UserAccount)
        .update({ id }, { status: 'disabled' as UserAccount['status'] });
      expect((await me(s.cookie)).statusCode).toBe(401);
    });

    it('refuses anonymous requests to signed-in routes with 401', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/me' });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: 'Authentication required',
        details: [],
      });
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write without the token, or with a wrong one', async () => {
      const { id } = await createAccount(t, { email: email(), password: PASSWORD });
      const s = await signIn(t, id);
      const payload = { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' };
      for (const headers of [{ cookie: s.cookie }, { cookie: s.cookie, 'x-csrf-token': 'forged' }]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/password',
          headers: { ...json, ...headers },
          payload,
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
      }
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { ...json, ...s.headers },
        payload,
      });
      expect(ok.statusCode).toBe(204);
    });
  });

  describe('password change and reset links', () => {
    it('changes the password, refusing short and common ones, and ends the other sessions', async () => {
      const address = email();
      const { id } = await createAccount(t, { email: address, password: PASSWORD });
      const current = await signIn(t, id);
      const other = await signIn(t, id);
      const change = (newPassword: string, currentPassword = PASSWORD) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/password',
          headers: { ...json, ...current.headers },
          payload: { currentPassword, newPassword },
        });
      expect((await change('short')).json().code).toBe('PASSWORD_TOO_SHORT');
      expect((await change('password1234')).json().code).toBe('PASSWORD_TOO_COMMON');
      expect((await change('a brand new passphrase', 'wrong password!')).statusCode).toBe(401);
      expect((await change('a brand new passphrase')).statusCode).toBe(204);
      expect((await me(current.cookie)).statusCode).toBe(200);
      expect((await me(other.cookie)).statusCode).toBe(401);
      expect((await login(address, 'a brand new passphrase')).statusCode).toBe(200);
    });

    const issueLink = async (userId: string) =>
      inTransaction(t.app.get(DataSource), { requestId: 'test', now: t.clock.now() }, (ctx) =>
        t.app.get(AccountsService).issueResetLink(ctx, userId, 'http://localhost:3000', null),
      );
    const useLink = (url: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/reset',
        headers: json,
        payload: { token: url.split('#token=')[1], newPassword },
      });

    it('uses a reset link once; the token travels in the fragment', async () => {
      const address = email();
      const { id } = await createAccount(t, { email: address });
      const link = await issueLink(id);
      expect(link.url).toMatch(/^http:\/\/localhost:3000\/reset-password#token=[\w-]{43}$/);
      expect((await useLink(link.url, 'short')).json().code).toBe('PASSWORD_TOO_SHORT');
      expect((await useLink(link.url, 'a first chosen passphrase')).statusCode).toBe(204);
      const again = await useLink(link.url, 'another chosen passphrase');
      expect(again.statusCode).toBe(400);
      expect(again.json().code).toBe('RESET_LINK_INVALID');
      expect((await login(address, 'a first chosen passphrase')).statusCode).toBe(200);
    });

    it('refuses a reset link after 48 hours (injected clock)', async () => {
      const { id } = await createAccount(t, { email: email() });
      const link = await issueLink(id);
      t.clock.advance(48 * 3_600_000 + 1_000);
      expect((await useLink(link.url, 'a first chosen passphrase')).json().code).toBe('RESET_LINK_INVALID');
    });

    it('lifts a login lock when the link is used', async () => {
      const address = email();
      const { id } = await createAccount(t, { email: address, password: PASSWORD });
      for (let i = 0; i < 6; i++) await login(address, 'wrong password!!', '198.51.100.1');
      expect((await login(address, PASSWORD, '198.51.100.1')).statusCode).toBe(429);
      expect((await useLink((await issueLink(id)).url, 'a first chosen passphrase')).statusCode).toBe(204);
      expect((await login(address, 'a first chosen passphrase', '198.51.100.1')).statusCode).toBe(200);
    });
  });

  describe('throttling', () => {
    it.each([
      ['an existing account', true],
      ['an unknown email', false],
    ])('answers 429 at the 7th failure for %s, and the lock expires by itself', async (_label, exists) => {
      const address = email();
      if (exists) await createAccount(t, { email: address, password: PASSWORD });
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await login(address, 'wrong password!!', '198.51.100.2')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
      const locked = await login(address, PASSWORD, '198.51.100.2');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      t.clock.advance(15 * 60_000 + 1_000);
      expect((await login(address, PASSWORD, '198.51.100.2')).statusCode).toBe(exists ? 200 : 401);
    });

    it('locks a client address after 50 failures whatever the emails', async () => {
      const address = email();
      await createAccount(t, { email: address, password: PASSWORD });
      for (let i = 0; i < 50; i++) await login(`guess${i}@example.test`, 'wrong password!!', '192.0.2.50');
      expect((await login(address, PASSWORD, '192.0.2.50')).statusCode).toBe(429);
      expect((await login(address, PASSWORD, '192.0.2.51')).statusCode).toBe(200);
    });
  });

  describe('TOTP second factor', () => {
    const codeAt = (secret: string, stepOffset = 0) =>
      generateSync({
        secret,
        epoch: Math.floor(t.clock.now().getTime() / 1000) + stepOffset * 30,
        period: 30,
        digits: 6,
      });
    const post = (url: string, cookie: string, csrf: string, payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { ...json, cookie, 'x-csrf-token': csrf },
        payload: payload as object,
      });
    const csrfOf = async (cookie: string) => (await me(cookie)).json().csrfToken as string;

    async function enrolled(): Promise<{ address: string; secret: string; recoveryCodes: string[] }> {
      const address = email();
      await createAccount(t, { email: address, password: PASSWORD, mfaRequired: true });
      const res = await login(address, PASSWORD);
      expect(res.json()).toEqual({ next: 'enrol' });
      const cookie = cookieFrom(res.headers['set-cookie']);
      const csrf = await csrfOf(cookie);
      // Before enrolment, nothing else is reachable.
      expect(
        (
          await post('/api/auth/password', cookie, csrf, {
            currentPassword: PASSWORD,
            newPassword: 'whatever long enough',
          })
        ).statusCode,
      ).toBe(401);
      const start = await post('/api/auth/mfa/enrolment', cookie, csrf, {});
      expect(start.statusCode).toBe(200);
      const { otpauthUrl, secret } = start.json<{ otpauthUrl: string; secret: string }>();
      expect(otpauthUrl).toContain(`secret=${secret}`);
      expect((await post('/api/auth/mfa/enrolment/confirm', cookie, csrf, { code: '000000' })).statusCode).toBe(401);
      const confirm = await post('/api/auth/mfa/enrolment/confirm', cookie, csrf, { code: codeAt(secret) });
      expect(confirm.statusCode).toBe(200);
      const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      expect((await me(cookieFrom(confirm.headers['set-cookie']))).json()).toMatchObject({
        stage: 'done',
        mfaEnabled: true,
      });
      // The enrolment session was replaced: session id renewed.
      expect((await me(cookie)).statusCode).toBe(401);
      return { address, secret, recoveryCodes };
    }

    async function secondStep(address: string): Promise<{ cookie: string; csrf: string }> {
      const res = await login(address, PASSWORD);
      expect(res.json()).toEqual({ next: 'mfa' });
      const cookie = cookieFrom(res.headers['set-cookie']);
      return { cookie, csrf: await csrfOf(cookie) };
    }

    it('stores the seed encrypted, never in clear', async () => {
      const { address, secret } = await enrolled();
      const row = await t.app.get(DataSource).getRepository(UserAccount).findOneByOrFail({ email: address });
      expect(row.totpSecret).toBeInstanceOf(Buffer);
      expect(row.totpSecret!.toString('latin1')).not.toContain(secret);
    });

    it('accepts a valid code once; the same code replayed is refused', async () => {
      const { address, secret } = await enrolled();
      t.clock.advance(60_000);
      const first = await secondStep(address);
      const code = codeAt(secret);
      const ok = await post('/api/auth/mfa', first.cookie, first.csrf, { code });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ next: 'done' });
      expect((await me(cookieFrom(ok.headers['set-cookie']))).json().stage).toBe('done');
      const second = await secondStep(address);
      const replay = await post('/api/auth/mfa', second.cookie, second.csrf, { code });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe('INVALID_MFA_CODE');
    });

    it.each([
      [-2, 401],
      [-1, 200],
      [1, 200],
      [2, 401],
    ])('a code %i steps away answers %i (±1 step tolerance)', async (offset, status) => {
      const { address, secret } = await enrolled();
      t.clock.advance(120_000);
      const s = await secondStep(address);
      expect((await post('/api/auth/mfa', s.cookie, s.csrf, { code: codeAt(secret, offset) })).statusCode).toBe(status);
    });

    it('accepts each recovery code once', async () => {
      const { address, recoveryCodes } = await enrolled();
      const a = await secondStep(address);
      expect((await post('/api/auth/mfa', a.cookie, a.csrf, { code: recoveryCodes[3].toUpperCase() })).statusCode).toBe(
        200,
      );
      const b = await secondStep(address);
      expect((await post('/api/auth/mfa', b.cookie, b.csrf, { code: recoveryCodes[3] })).statusCode).toBe(401);
    });

    it('refuses re-enrolment during the second step (a password alone must not replace the factor)', async () => {
      const { address } = await enrolled();
      const s = await secondStep(address);
      expect((await post('/api/auth/mfa/enrolment', s.cookie, s.csrf, {})).statusCode).toBe(409);
    });

    it('locks the second step after 6 wrong codes (the wrong code tried at enrolment counts)', async () => {
      const { address, secret } = await enrolled();
      t.clock.advance(60_000);
      const s = await secondStep(address);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await post('/api/auth/mfa', s.cookie, s.csrf, { code: '000000' })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await post('/api/auth/mfa', s.cookie, s.csrf, { code: codeAt(secret) })).statusCode).toBe(429);
    });
  });
});

describe('enumeration: unknown email and wrong password answer alike', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      authSettings: AuthSettings.with({ accountMaxFailures: 100_000, ipMaxFailures: 100_000 }),
    });
    await createAccount(t, { email: 'known@example.test', password: PASSWORD });
  });

  afterAll(async () => {
    await t.close();
  });

  it('same status and body, medians within 20 % over 50 interleaved samples each', async () => {
    const timings: Record<'unknown' | 'wrong', number[]> = { unknown: [], wrong: [] };
    const bodies = new Set<string>();
    const statuses = new Set<number>();
    for (let i = 0; i < 50; i++) {
      for (const kind of ['unknown', 'wrong'] as const) {
        const email = kind === 'unknown' ? `nobody${i}@example.test` : 'known@example.test';
        const started = process.hrtime.bigint();
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: json,
          payload: { email, password: `wrong password ${i}` },
        });
        timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
        statuses.add(res.statusCode);
        bodies.add(res.body);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [u, w] = [median(timings.unknown), median(timings.wrong)];
    expect([...statuses]).toEqual([401]);
    expect([...bodies]).toHaveLength(1);
    expect(Math.abs(u - w) / Math.max(u, w)).toBeLessThan(0.2);
  });
});
