import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';

// The fault suite drives the compiled entry points, as production runs them: `npm test` (and
// `npm run test:faults`) build before the suites.
export const root = resolve(__dirname, '../..');
export const WORKER = resolve(root, 'dist/apps/worker/src/main.js');
export const API = resolve(root, 'dist/apps/api/src/main.js');

/** Settings lowered so the suite runs in seconds; every process of a test gets the same. */
export const FAULT_SETTINGS = {
  OUTBOX_RELAY_INTERVAL_MS: '200',
  OUTBOX_SWEEP_INTERVAL_MS: '3000',
  OUTBOX_SWEEP_STALE_MS: '1000',
  JOB_MAX_ATTEMPTS: '3',
  JOB_BACKOFF_BASE_MS: '200',
  JOB_LOCK_MS: '2000',
  JOB_CONCURRENCY: '10',
};
export const SWEEP_INTERVAL_MS = Number(FAULT_SETTINGS.OUTBOX_SWEEP_INTERVAL_MS);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls until `check` holds; fails with `what` and the last value seen, never hangs. */
export async function waitUntil<T>(
  what: string,
  read: () => Promise<T>,
  check: (value: T) => boolean,
  ms: number,
  everyMs = 50,
): Promise<T> {
  const started = Date.now();
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() - started > ms) {
      throw new Error(`Timed out after ${ms} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    }
    await sleep(everyMs);
  }
}

export interface Proc {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Every child process and Redis server a test starts, killed in `cleanup()` (afterEach), even when
 * the test failed half-way.
 */
export class Processes {
  private readonly children = new Set<ChildProcess>();

  node(entry: string, env: Record<string, string>): Proc {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (node scripts/build.mjs --server-only)`);
    return this.track(
      spawn(process.execPath, [entry], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...FAULT_SETTINGS, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  worker(env: Record<string, string>): Proc {
    return this.node(WORKER, env);
  }

  /** A private redis-server without persistence, so a restart comes back empty. */
  async redis(port?: number, extraArgs: string[] = []): Promise<RedisServer> {
    const chosen = port ?? (await freePort());
    const proc = this.track(
      spawn(
        'redis-server',
        ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    );
    const url = `redis://127.0.0.1:${chosen}`;
    await waitUntil(`redis-server on port ${chosen}`, () => ping(url), Boolean, 5_000, 50).catch((error: Error) => {
      throw new Error(`${error.message}\n${proc.output()}`);
    });
    return {
      port: chosen,
      url,
      proc,
      shutdownNoSave: async () => {
        const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        await client.connect();
        // The connection drops as the server exits: that is the answer.
        await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
        client.disconnect();
        const code = await Promise.race([proc.exited, sleep(5_000).then(() => 'timeout')]);
        if (code === 'timeout') throw new Error('redis-server did not shut down');
      },
    };
  }

  async cleanup(): Promise<void> {
    const alive = [...this.children].filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(
      alive.map(
        (c) =>
          new Promise<void>((r) => {
            c.once('exit', () => r());
            c.kill('SIGKILL');
          }),
      ),
    );
    this.children.clear();
  }

  private track(child: ChildProcess): Proc {
    this.children.add(child);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const waitFor = async (pattern: RegExp, ms = 20_000): Promise<void> => {
      await waitUntil(
        `${pattern} in the output`,
        () => Promise.resolve(pattern.test(output) || child.exitCode !== null),
        Boolean,
        ms,
        25,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n--- output ---\n${output}`);
      });
      if (!pattern.test(output)) throw new Error(`process exited before ${pattern}; output:\n${output}`);
    };
    return { child, output: () => output, waitFor, exited };
  }
}

export interface RedisServer {
  port: number;
  url: string;
  proc: Proc;
  shutdownNoSave(): Promise<void>;
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 500,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export interface OutboxSummary {
  total: number;
  pending: number;
  queued: number;
  done: number;
  failed: number;
  /** Rows whose effect committed more than once: must stay 0. */
  duplicates: number;
  /** Done rows whose effect counter is not exactly 1. */
  doneNotOnce: number;
}

/** Counts read as the owner, apart from the processes under test. */
export async function summary(db: Client): Promise<OutboxSummary> {
  const { rows } = await db.query<OutboxSummary>(`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE state = 'pending')::int AS pending,
           count(*) FILTER (WHERE state = 'queued')::int AS queued,
           count(*) FILTER (WHERE state = 'done')::int AS done,
           count(*) FILTER (WHERE state = 'failed')::int AS failed,
           count(*) FILTER (WHERE effects > 1)::int AS duplicates,
           count(*) FILTER (WHERE state = 'done' AND effects <> 1)::int AS "doneNotOnce"
      FROM outbox_job`);
  return rows[0];
}
