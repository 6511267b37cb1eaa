import { Session } from '@app/auth';
import { ModulesContainer } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { IS_PUBLIC, PERMISSION } from '../../apps/api/src/http/public.decorator';
import { send } from '../support/requests';
import { ROUTES } from '../support/route-table';
import { createTestApp, type TestApp } from '../support/test-app';
import { newTarget, PRINCIPALS, seedWorld, type PrincipalName, type World } from '../support/world';
import { signIn } from '../support/accounts';

const key = (method: string, path: string) => `${method} ${path}`;

/** Every route the Nest app serves, with the metadata the global guard reads. */
function discoverRoutes(t: TestApp): { key: string; declared: boolean }[] {
  const found: { key: string; declared: boolean }[] = [];
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD'];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata('path', type) ?? '');
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata('method', handler) as number | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata('path', handler) ?? '');
        const joined = `/${[base, sub].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/');
        const path = joined === '/metrics' ? '/metrics' : `/api${joined === '/' ? '' : joined}`;
        const declared =
          Reflect.getMetadata(IS_PUBLIC, handler) === true ||
          Reflect.getMetadata(IS_PUBLIC, type) === true ||
          Reflect.getMetadata(PERMISSION, handler) !== undefined ||
          Reflect.getMetadata(PERMISSION, type) !== undefined;
        found.push({ key: key(methods[method], path), declared });
      }
    }
  }
  return found;
}

describe('access control: the role × route table', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists every route of the app, and every route declares a permission or is public', () => {
    const discovered = discoverRoutes(t);
    const listed = new Set(ROUTES.map((r) => key(r.method, r.path)));
    expect(discovered.filter((r) => !listed.has(r.key)).map((r) => r.key)).toEqual([]);
    expect([...listed].filter((k) => !discovered.some((r) => r.key === k))).toEqual([]);
    expect(discovered.filter((r) => !r.declared).map((r) => r.key)).toEqual([]);
    expect(discovered.length).toBe(ROUTES.length);
  });

  it('answers every route × principal as the table says: 0 unauthorised 2xx, 0 5xx', async () => {
    const mismatches: string[] = [];
    let unauthorised2xx = 0;
    let serverErrors = 0;
    for (const route of ROUTES) {
      for (const principal of PRINCIPALS) {
        const { response, url } = await send(t, w, route, principal);
        const expected = route.expect(principal);
        if (response.statusCode >= 500) serverErrors += 1;
        if (response.statusCode < 300 && expected >= 300) unauthorised2xx += 1;
        if (response.statusCode !== expected) {
          mismatches.push(
            `${route.method} ${url} as ${principal}: ${response.statusCode} (expected ${expected}) ${response.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(unauthorised2xx).toBe(0);
    expect(serverErrors).toBe(0);
  });

  it('answers 404 with no foreign data when an id of another association is replayed (IDOR)', async () => {
    const leaks: string[] = [];
    for (const route of ROUTES.filter((r) => r.foreign || r.foreignAssociation)) {
      const principal = PRINCIPALS.find(
        (p) => p !== 'anonymous' && route.expect(p) < 300 && p !== 'coordinatorB',
      ) as PrincipalName;
      for (const foreign of [route.foreign, route.foreignAssociation]) {
        if (!foreign) continue;
        const params = await foreign(w, t);
        const { response, url } = await send(t, w, route, principal, { params });
        if (
          response.statusCode !== 404 ||
          response.body.includes(params.id) ||
          /target\.b@|Fictiva/.test(response.body)
        ) {
          leaks.push(`${route.method} ${url} as ${principal}: ${response.statusCode} ${response.body.slice(0, 160)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('refuses protected keys added to any write body with 400 and changes nothing (mass assignment)', async () => {
    const protectedKeys: Record<string, unknown> = {
      associationId: w.associationB,
      role: 'admin',
      referentId: w.users.adminA,
      teamId: w.teamB,
      id: w.targetB,
      __proto__: { admin: true },
    };
    const snapshot = async () => {
      const client = new Client({ connectionString: t.db.superuserUrl });
      await client.connect();
      try {
        const parts: string[] = [];
        for (const sql of [
          'SELECT id, association_id, display_name, status, mfa_required FROM user_account ORDER BY id',
          'SELECT user_id, role, association_id FROM user_role ORDER BY user_id, role',
          'SELECT user_id, team_id, association_id FROM team_member ORDER BY user_id',
          'SELECT id, association_id, name, code FROM site ORDER BY id',
          'SELECT id, association_id, name FROM team ORDER BY id',
          'SELECT id, name, no_contact_days FROM association ORDER BY id',
          'SELECT id, association_id, person_id FROM document ORDER BY id',
          'SELECT id, association_id, person_id FROM referral ORDER BY id',
          'SELECT id, association_id FROM outreach_session ORDER BY id',
        ]) {
          parts.push(JSON.stringify((await client.query(sql)).rows));
        }
        return parts.join('\n');
      } finally {
        await client.end();
      }
    };
    const failures: string[] = [];
    for (const route of ROUTES.filter((r) => r.method !== 'GET' && (r.body || r.upload) && !r.public)) {
      const principal = PRINCIPALS.find((p) => p !== 'anonymous' && route.expect(p) < 300);
      if (!principal) continue;
      for (const [name, value] of Object.entries(protectedKeys)) {
        if (route.writes?.includes(name)) continue;
        const params = route.params ? await route.params(w, t) : {};
        const before = await snapshot();
        if (route.upload) {
          // Multipart routes: the key goes in as one more form field.
          const { response, url } = await send(t, w, route, principal, { params, extraBody: { [name]: value } });
          const after = await snapshot();
          if (response.statusCode !== 400 || before !== after)
            failures.push(
              `${route.method} ${url} +${name}: ${response.statusCode}${before !== after ? ' and rows changed' : ''}`,
            );
          continue;
        }
        // JSON.stringify drops a real __proto__ key: write it into the text itself.
        const base = (await route.body!(w, t, principal, params)) as Record<string, unknown>;
        const raw =
          name === '__proto__'
            ? JSON.stringify(base).replace(
                /^\{/,
                `{"__proto__":${JSON.stringify(value)}${Object.keys(base).length ? ',' : ''}`,
              )
            : JSON.stringify({ ...base, [name]: value });
        const { response, url } = await send(t, w, route, principal, { params, body: raw });
        const after = await snapshot();
        if (response.statusCode !== 400 || before !== after) {
          failures.push(
            `${route.method} ${url} +${name}: ${response.statusCode}${before !== after ? ' and rows changed' : ''}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('sets mfa_required from the association setting when roles are assigned', async () => {
    const userId = await newTarget(t, w, 'A');
    const headers = { ...w.sessions.adminA!.headers, 'content-type': 'application/json' };
    const assign = async (roles: string[]) =>
      (await t.app.inject({ method: 'POST', url: `/api/users/${userId}/roles`, headers, payload: { roles } })).json<{
        mfaRequired: boolean;
      }>();
    expect((await assign(['coordinator'])).mfaRequired).toBe(true);
    expect((await assign(['social_worker'])).mfaRequired).toBe(false);
    expect((await assign(['social_worker', 'dpo'])).mfaRequired).toBe(true);
  });

  it.each([
    ['role revoked', 'roles', { roles: [] }],
    ['user disabled', 'disable', {}],
  ])('refuses the next request within 1 s and ends every session when the %s', async (_label, action, body) => {
    const userId = await newTarget(t, w, 'A');
    const admin = w.sessions.adminA!;
    await t.app.inject({
      method: 'POST',
      url: `/api/users/${userId}/roles`,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: { roles: ['coordinator'] },
    });
    const a = await signIn(t, userId);
    const b = await signIn(t, userId);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: a.headers })).statusCode).toBe(200);
    const started = Date.now();
    const change = await t.app.inject({
      method: 'POST',
      url: `/api/users/${userId}/${action}`,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: body,
    });
    expect(change.statusCode).toBe(200);
    for (const s of [a, b]) {
      const next = await t.app.inject({ method: 'GET', url: '/api/users', headers: s.headers });
      expect(next.statusCode).toBe(401);
    }
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await t.app.get(DataSource).getRepository(Session).countBy({ userId })).toBe(0);
  });
});
