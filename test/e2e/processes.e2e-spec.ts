import { createTestDatabase, type TestDatabase } from '@app/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

// These start the compiled entry points, as production does: `npm test` builds before the suites.
const root = resolve(__dirname, '../..');
const API = resolve(root, 'dist/apps/api/src/main.js');
const WORKER = resolve(root, 'dist/apps/worker/src/main.js');
const CLI = resolve(root, 'dist/apps/api/src/cli.js');

interface Run {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, ms?: number) => Promise<void>;
  exited: Promise<number | null>;
}

function run(entry: string, env: Record<string, string>): Run {
  let output = '';
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const waitFor = (pattern: RegExp, ms = 20_000) =>
    new Promise<void>((resolveWait, reject) => {
      const started = Date.now();
      const tick = setInterval(() => {
        if (pattern.test(output)) {
          clearInterval(tick);
          resolveWait();
        } else if (Date.now() - started > ms || child.exitCode !== null) {
          clearInterval(tick);
          reject(new Error(`never saw ${pattern}; output:\n${output}`));
        }
      }, 50);
    });
  return { child, output: () => output, waitFor, exited };
}

const freePort = () =>
  new Promise<number>((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => r(typeof a === 'object' && a ? a.port : 0));
    });
  });

describe('compiled entry points', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    expect(existsSync(API)).toBe(true);
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('stops at start-up with one line naming a malformed variable', async () => {
    const api = run(API, { PORT: 'eighty', DATABASE_URL: db.appUrl });
    expect(await api.exited).toBe(1);
    const lines = api.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
  });

  it('serves, answers its health check, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const home = mkdtempSync(join(tmpdir(), 'envol-home-'));
    const api = run(API, {
      PORT: String(port),
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      ENVOL_HOME: home,
    });
    try {
      await api.waitFor(/Envol is ready on http:\/\/127\.0\.0\.1:\d+/);
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(res.status).toBe(200);
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await api.exited).toBe(0);
  });

  it('boots the worker: connects to PostgreSQL and Redis, then stops cleanly on SIGTERM', async () => {
    const worker = run(WORKER, {
      DATABASE_URL: db.appUrl,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
    try {
      await worker.waitFor(/"msg":"worker ready"/);
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toMatch(/"msg":"worker stopped"/);
  });

  it('refuses to start the worker without Redis, in one line', async () => {
    const worker = run(WORKER, { DATABASE_URL: db.appUrl });
    expect(await worker.exited).toBe(1);
    expect(worker.output().trim().split('\n')).toEqual([expect.stringMatching(/REDIS_URL/)]);
  });

  describe('operator CLI', () => {
    const home = mkdtempSync(join(tmpdir(), 'envol-cli-'));
    const cli = async (args: string[], env: Record<string, string> = {}) => {
      let output = '';
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: db.appUrl,
          DATABASE_OWNER_URL: db.ownerUrl,
          ENVOL_HOME: home,
          PUBLIC_URL: 'https://envol.example.org',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      return { code, output: output.trim() };
    };

    it('generates a valid key file', async () => {
      const { code, output } = await cli(['keys:generate']);
      expect(code).toBe(0);
      expect(JSON.parse(output)).toMatchObject({ format: 1, currentKek: expect.any(String) });
    });

    it('provisions an association, its site, team and first admin, idempotently', async () => {
      const steps: [string[], RegExp][] = [
        [['associations:create', '--name', 'Association Test', '--departements', '75,93'], /created/],
        [['associations:create', '--name', 'Association Test'], /exists/],
        [
          [
            'sites:create',
            '--association',
            'Association Test',
            '--name',
            'Paris',
            '--code',
            'par',
            '--departement',
            '75',
          ],
          /Site PAR created/,
        ],
        [
          [
            'sites:create',
            '--association',
            'Association Test',
            '--name',
            'Paris',
            '--code',
            'PAR',
            '--departement',
            '75',
          ],
          /exists/,
        ],
        [['teams:create', '--association', 'Association Test', '--site', 'PAR', '--name', 'Équipe A'], /created/],
        [['funders:create', '--name', 'Fondation Test'], /created/],
        [['agreements:create', '--funder', 'Fondation Test', '--association', 'Association Test'], /recorded/],
        [['agreements:create', '--funder', 'Fondation Test', '--association', 'Association Test'], /exists/],
      ];
      for (const [args, expected] of steps) {
        const { code, output } = await cli(args);
        expect({ args, code, output }).toEqual({ args, code: 0, output: expect.stringMatching(expected) });
      }
      const admin = await cli([
        'admins:create',
        '--association',
        'Association Test',
        '--email',
        'first.admin@example.test',
        '--name',
        'Première Admin',
      ]);
      expect(admin.code).toBe(0);
      expect(admin.output).toMatch(/https:\/\/envol\.example\.org\/reset-password#token=[\w-]{43}/);
      const again = await cli([
        'admins:create',
        '--association',
        'Association Test',
        '--email',
        'FIRST.ADMIN@example.test',
        '--name',
        'X',
      ]);
      expect(again.output).toMatch(/exists/);
      expect(again.output).not.toMatch(/reset-password/);
      const link = await cli(['users:reset-link', '--email', 'first.admin@example.test']);
      expect(link.output).toMatch(/reset-password#token=/);
    });

    it('says what is wrong in one line', async () => {
      const unknownAssociation = await cli([
        'sites:create',
        '--association',
        'Nope',
        '--name',
        'X',
        '--code',
        'XX',
        '--departement',
        '75',
      ]);
      expect(unknownAssociation.code).toBe(1);
      expect(unknownAssociation.output).toBe('No association named "Nope" (create it with associations:create)');
      const unknownFunder = await cli(['agreements:create', '--funder', 'Nope', '--association', 'Association Test']);
      expect(unknownFunder.output).toMatch(/No funder named "Nope"/);
      const unknownEmail = await cli(['users:reset-link', '--email', 'nobody@example.test']);
      expect(unknownEmail.output).toBe('No account with the email nobody@example.test');
    });

    it('explains usage errors with exit code 2', async () => {
      const missing = await cli(['sites:create', '--association', 'A']);
      expect(missing.code).toBe(2);
      expect(missing.output).toMatch(/^Missing --name, --code, --departement/);
      expect((await cli(['frobnicate'])).code).toBe(2);
      expect((await cli(['funders:create', '--colour', 'blue'])).code).toBe(2);
    });

    it('seeds the demo data idempotently', async () => {
      const first = await cli(['seed:demo'], { DEMO_PASSWORD: 'a demo password for tests' });
      expect(first.output).toMatch(/8 account\(s\) created, 10 file\(s\) created/);
      const [, events, appointments] = /(\d+) journal event\(s\) and (\d+) appointment\(s\) created/.exec(
        first.output,
      )!;
      expect(Number(events)).toBeGreaterThan(10);
      expect(Number(appointments)).toBeGreaterThan(5);
      expect(first.output).toMatch(/10 partner\(s\) and outreach/);
      const second = await cli(['seed:demo'], { DEMO_PASSWORD: 'a demo password for tests' });
      expect(second.output).toMatch(
        /0 account\(s\) created, 0 file\(s\) created, 0 journal event\(s\) and 0 appointment\(s\) created, 0 partner\(s\) and outreach/,
      );
      // Key rotation on the demo files: every value re-encrypted under the new data key.
      const rotated = await cli(['keys:rotate-data-key', '--association', 'Association Démo'], { DEMO_PASSWORD: 'x' });
      expect(rotated.code).toBe(0);
      // Every encrypted column reports done/total; each is complete, and the total is their sum.
      const columns = [...rotated.output.matchAll(/^(\w+\.\w+): (\d+)\/(\d+)$/gm)].map((m) => ({
        column: m[1],
        done: Number(m[2]),
        total: Number(m[3]),
      }));
      const byColumn = Object.fromEntries(columns.map((c) => [c.column, c.total]));
      // Two values per file (identity, safe contact), two per note (its text and its first
      // version's), one per appointment, one contact constraint per file's no-contact check.
      expect(byColumn).toMatchObject({
        'person.identity': 10,
        'person.safe_contact': 10,
        'journal_event.text': Number(events),
        'journal_event_version.text': Number(events),
        'appointment.details': Number(appointments),
        'reminder.contact': expect.any(Number) as number,
      });
      expect(byColumn['reminder.contact']).toBeGreaterThan(0);
      expect(columns.every((c) => c.done === c.total)).toBe(true);
      const total = columns.reduce((sum, c) => sum + c.total, 0);
      expect(rotated.output).toContain(`now at version 2: ${total} value(s) re-encrypted`);
      const rewrapped = await cli(['keys:rotate-kek']);
      expect(rewrapped.code).toBe(0);
      expect(rewrapped.output).toMatch(/Re-wrapped \d+ data key\(s\)/);
    });
  });
});
