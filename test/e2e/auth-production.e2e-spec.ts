import { createAccount } from '../support/accounts';
import { createTestApp, type TestApp } from '../support/test-app';

// Its own file: passport registers strategies process-wide, so one assembled app per test file.
describe('session cookie in production', () => {
  let prod: TestApp;

  beforeAll(async () => {
    prod = await createTestApp({ env: { NODE_ENV: 'production', ENVOL_KEYS_FILE: '/not/read/in/tests' } });
  });

  afterAll(async () => {
    await prod.close();
  });

  it('uses Secure and the __Host- prefix, with HSTS', async () => {
    await createAccount(prod, { email: 'prod@example.test', password: 'correct horse battery staple' });
    const res = await prod.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: { email: 'prod@example.test', password: 'correct horse battery staple' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-envol_session=[\w-]{43};/);
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});
