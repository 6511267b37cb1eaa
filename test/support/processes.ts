import { QUEUE_PREFIX } from '@app/platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';

// The fault suite and the delivery browser spec drive the compiled entry points, as production
// runs them: `npm test` (and `npm run test:faults`) build before the suites.
export const root = resolve(__dirname, '../..');
export const WORKER = resolve(root, 'dist/apps/worker/src/main.js');
export const API = resolve(root, 'dist/apps/api/src/main.js');

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
 * the test failed half-way. `settings` go to every node process it starts (the timings a suite
 * lowers so that it runs in seconds); a process's own env comes on top.
 */
export class Processes {
  private readonly children = new Set<ChildProcess>();

  constructor(private readonly settings: Record<string, string> = {}) {}

  node(entry: string, env: Record<string, string>): Proc {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (node scripts/build.mjs --server-only)`);
    return this.track(
      spawn(process.execPath, [entry], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...this.settings, ...env },
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

export interface ClaimedRedisDatabase {
  /** The shared server's URL with the claimed database number as its path. */
  url: string;
  /** Removes Envol's keys and the claim. */
  release(): Promise<void>;
}

const CLAIM_KEY = 'envol-test:claim';
const CLAIM_MS = 15 * 60_000;

/**
 * A logical database (1 to 15) of the shared Redis at `serverUrl` that no other test holds, for
 * processes that run BullMQ: Envol's key prefix and queue names are fixed, so workers of test
 * files running in parallel on database 0 would take each other's jobs and schedule ticks. The
 * claim is a key set with NX that expires, so a killed run frees its database; Envol's keys are
 * removed on claiming (a killed run's leftovers) and on release.
 */
export async function claimRedisDatabase(serverUrl: string): Promise<ClaimedRedisDatabase> {
  const token = randomBytes(12).toString('hex');
  for (let index = 1; index <= 15; index++) {
    const url = new URL(serverUrl);
    url.pathname = `/${index}`;
    const client = new Redis(url.toString(), { maxRetriesPerRequest: 1 });
    try {
      if ((await client.set(CLAIM_KEY, token, 'PX', CLAIM_MS, 'NX')) !== 'OK') continue;
      await removeEnvolKeys(client);
    } finally {
      client.disconnect();
    }
    return {
      url: url.toString(),
      release: async () => {
        const release = new Redis(url.toString(), { maxRetriesPerRequest: 1 });
        try {
          await removeEnvolKeys(release);
          if ((await release.get(CLAIM_KEY)) === token) await release.del(CLAIM_KEY);
        } finally {
          release.disconnect();
        }
      },
    };
  }
  throw new Error(`No free Redis database at ${new URL(serverUrl).host}: every one from 1 to 15 is claimed`);
}

async function removeEnvolKeys(client: Redis): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${QUEUE_PREFIX}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await client.unlink(...keys);
  } while (cursor !== '0');
}
