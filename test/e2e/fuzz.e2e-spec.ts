import { Client } from 'pg';
import { signIn } from '../support/accounts';
import { Generator, LEAK, rng, type SchemaObject } from '../support/fuzz';
import { multipart, pdfWith } from '../support/multipart';
import { fill } from '../support/requests';
import { ROUTES, type RouteCase } from '../support/route-table';
import { createTestApp, type TestApp } from '../support/test-app';
import { PRINCIPALS, seedWorld, type PrincipalName, type World } from '../support/world';

// 25 runs per operation in `npm test`; `npm run test:fuzz` sets 200. Fixed seed: failures replay.
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);
// The run grows with the route table (every operation × RUNS requests, plus the objects the valid
// runs create): a budget per run rather than the suites' 60 s default, which the 25-run pass went
// over on a loaded 2-core machine once the casework routes joined.
jest.setTimeout(Math.max(60_000, RUNS * 6_000));

/** Lone surrogates cannot be put in a URL at all; they still reach bodies. */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** A generated value as it would be typed into a URL. */
const asText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null'));

interface Operation {
  method: RouteCase['method'];
  path: string;
  parameters: { name: string; in: string; schema?: SchemaObject }[];
  body?: SchemaObject;
  /** multipart/form-data operations (uploads): the schema of their form fields. */
  form?: SchemaObject;
}

function operations(t: TestApp): Operation[] {
  const ops: Operation[] = [];
  const doc = t.openApi as unknown as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: SchemaObject }> } }
      >
    >;
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path: path.replace(/\{(\w+)\}/g, ':$1'),
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
        form: op.requestBody?.content?.['multipart/form-data']?.schema,
      });
    }
  }
  return ops;
}

async function snapshotOfB(t: TestApp, w: World): Promise<string> {
  const client = new Client({ connectionString: t.db.superuserUrl });
  await client.connect();
  try {
    const parts: unknown[] = [];
    for (const sql of [
      'SELECT id, name, version FROM association WHERE id = $1',
      'SELECT id, name, code, version FROM site WHERE association_id = $1 ORDER BY id',
      'SELECT id, name, version FROM team WHERE association_id = $1 ORDER BY id',
      'SELECT user_id, role FROM user_role WHERE association_id = $1 ORDER BY 1, 2',
      'SELECT id, display_name, status, version FROM user_account WHERE association_id = $1 ORDER BY id',
    ]) {
      parts.push((await client.query(sql, [w.associationB])).rows);
    }
    return JSON.stringify(parts);
  } finally {
    await client.end();
  }
}

describe(`fuzz: every OpenAPI operation, ${RUNS} runs each (seed ${SEED})`, () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('describes every write operation with a body schema (or none taken)', () => {
    for (const op of operations(t)) {
      const route = ROUTES.find((r) => r.method === op.method && r.path === op.path);
      expect({ op: `${op.method} ${op.path}`, inTable: Boolean(route) }).toEqual({
        op: `${op.method} ${op.path}`,
        inTable: true,
      });
      if (route?.writes?.length)
        expect({ op: `${op.method} ${op.path}`, body: Boolean(op.body ?? op.form) }).toEqual({
          op: `${op.method} ${op.path}`,
          body: true,
        });
    }
  });

  it('answers no 5xx, leaks no stack trace or SQL, and leaves association B untouched', async () => {
    const before = await snapshotOfB(t, w);
    const gen = new Generator(rng(SEED), (t.openApi.components?.schemas ?? {}) as Record<string, SchemaObject>);
    const problems: string[] = [];
    let sent = 0;
    for (const op of operations(t)) {
      const route = ROUTES.find((r) => r.method === op.method && r.path === op.path)!;
      const principal: PrincipalName = PRINCIPALS.find((p) => p !== 'anonymous' && route.expect(p) < 300) ?? 'workerA1';
      for (let run = 0; run < RUNS; run++) {
        const valid = run % 3 === 0;
        const params: Record<string, string> =
          route.params && (valid || gen.chance(0.5)) ? await route.params(w, t) : {};
        for (const p of op.parameters.filter((x) => x.in === 'path')) {
          params[p.name] ??= asText(gen.chance(0.5) ? crypto.randomUUID() : gen.wild()).slice(0, 200) || 'x';
        }
        const query = new URLSearchParams();
        for (const p of op.parameters.filter((x) => x.in === 'query')) {
          if (gen.chance(0.6))
            query.set(p.name, wellFormed(asText(valid ? gen.valid(p.schema) : gen.wild()).slice(0, 2000)));
        }
        const session = route.freshSession
          ? await signIn(t, w.users[principal as Exclude<PrincipalName, 'anonymous'>])
          : w.sessions[principal];
        const headers: Record<string, string> = { accept: 'application/json', ...(session ? session.headers : {}) };
        let payload: string | Buffer | undefined;
        if (op.form && gen.chance(0.8)) {
          // Uploads: generated (or mutated) form fields and a file of random or PDF bytes.
          const fields = (valid ? gen.valid(op.form) : JSON.parse(gen.mutatedBody(op.form))) as Record<string, unknown>;
          const text = Object.fromEntries(
            Object.entries(fields ?? {})
              .filter(([k]) => k !== 'file')
              .map(([k, v]) => [k, wellFormed(asText(v)).slice(0, 200)]),
          );
          const data = gen.chance(0.5) ? pdfWith('fuzz') : Buffer.from(asText(gen.wild()), 'utf8');
          const form = multipart({
            fields: text,
            ...(gen.chance(0.9)
              ? { file: { filename: asText(gen.wild()).slice(0, 80), contentType: 'application/pdf', data } }
              : {}),
          });
          payload = form.payload;
          headers['content-type'] = form.contentType;
        } else if (op.method !== 'GET') {
          payload = valid ? JSON.stringify(gen.valid(op.body)) : gen.mutatedBody(op.body);
          headers['content-type'] = gen.chance(0.05) ? 'text/plain' : 'application/json';
        }
        const url = `${fill(op.path, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(wellFormed(v))])))}${query.size ? `?${query.toString()}` : ''}`;
        const res = await t.app.inject({
          method: op.method,
          url,
          headers,
          ...(payload !== undefined ? { payload } : {}),
        });
        sent += 1;
        if (process.env.FUZZ_DEBUG) process.stdout.write(`${res.statusCode} `);
        if (res.statusCode >= 500 || LEAK.test(res.body)) {
          problems.push(
            `${op.method} ${url.slice(0, 120)} [${payload?.toString().slice(0, 120)}] → ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBe(operations(t).length * RUNS);
    expect(await snapshotOfB(t, w)).toBe(before);
    expect(Object.keys({}).includes('polluted')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});
