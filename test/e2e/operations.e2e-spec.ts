import { createTestApp, type TestApp } from '../support/test-app';

describe('operations endpoints of the assembled app', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('reports the database as up on /api/health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
  });

  it('reports Redis as degraded, not down, when configured but unreachable', async () => {
    const withRedis = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const started = Date.now();
      const res = await withRedis.app.inject({ method: 'GET', url: '/api/health' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(res.statusCode).toBe(200);
      expect(res.json().details).toMatchObject({ database: { status: 'up' }, redis: { status: 'degraded' } });
    } finally {
      await withRedis.close();
    }
  });

  it('sends security headers and no-store on /api', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API paths with the JSON error shape, never the web page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/does-not-exist', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found', details: [] });
  });

  it('refuses a malformed JSON body with 4xx and no stack or parser text', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken": ',
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).not.toMatch(/at \w+ \(|node_modules|SyntaxError|Unexpected/);
    expect(Object.keys(res.json()).sort()).toEqual(['code', 'details', 'message', 'statusCode']);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('exposes Prometheus metrics with route patterns', async () => {
    await t.app.inject({ method: 'GET', url: '/api/health' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain(
      'envol_http_request_duration_seconds_count{method="GET",route="/api/health",status="200"}',
    );
    expect(res.body).toContain('process_cpu_seconds_total');
  });

  it('publishes the OpenAPI document and its viewer', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/docs/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toContain('/api/health');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('runs as envol_app: not owner, not superuser, no BYPASSRLS', async () => {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: t.config.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT current_user AS name, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
                (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
           FROM pg_roles r WHERE rolname = current_user`,
      );
      expect(rows[0]).toEqual({
        name: 'envol_app',
        rolsuper: false,
        rolbypassrls: false,
        rolcreaterole: false,
        rolcreatedb: false,
        owned: 0,
      });
      await expect(client.query('CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });
});
