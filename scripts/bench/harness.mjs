// What every benchmark scenario is given: a database of its own (created, migrated, dropped here),
// a Redis, child processes that are always killed, and waits that never hang. Used by run.mjs only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';

export const root = path.resolve(import.meta.dirname, '../..');

/** The passwords the test set-up gives the roles (libs/testing); ignored where the server trusts. */
export const ROLE_PASSWORDS = { owner: 'envol-owner-test', app: 'envol-app-test', system: 'envol-system-test' };

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** dist/ is CommonJS: its exports arrive as the default export of the dynamic import. */
export async function loadDist(relativePath) {
  const file = path.join(root, relativePath);
  if (!existsSync(file))
    throw new Error(`${relativePath} is missing: build first (node scripts/build.mjs --server-only)`);
  return (await import(file)).default;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * Benchmarks create and drop databases and flood a Redis: they only ever run on this machine.
 * A host of 127.x, localhost or ::1 passes, and so does a PostgreSQL Unix socket (`?host=/…`).
 */
export function assertLoopback(url, what) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} is not a URL`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const socket = parsed.searchParams.get('host');
  const local = LOOPBACK.has(host) || /^127\./.test(host) || (host === '' && socket?.startsWith('/'));
  if (!local) throw new Error(`${what} points at "${host || socket}": benchmarks run against loopback only`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `read` until `check` holds. Fails with `what`, the time waited and the last value seen once
 * `deadline` (epoch ms) has passed or `signal` was aborted; never hangs.
 */
export async function waitUntil(what, read, check, { deadline, everyMs = 100, signal } = {}) {
  const started = Date.now();
  for (;;) {
    if (signal?.aborted) throw new Error(`Interrupted while waiting for ${what}`);
    const value = await read();
    if (check(value)) return value;
    if (deadline !== undefined && Date.now() > deadline) {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      throw new Error(`Gave up after ${seconds} s waiting for ${what}; last value: ${JSON.stringify(value)}`);
    }
    await sleep(everyMs);
  }
}

const OUTPUT_LIMIT = 256 * 1024;

/** Every child process the harness starts; `stopAll()` ends each of them, by its own handle. */
export class Processes {
  children = new Set();

  /** `node <entry>` from the repository root, with exactly `env` (plus PATH). */
  node(entry, env) {
    const file = path.join(root, entry);
    if (!existsSync(file)) throw new Error(`${entry} is missing: build first (node scripts/build.mjs --server-only)`);
    return this.track(
      entry,
      spawn(process.execPath, [file], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  spawn(label, command, args) {
    return this.track(label, spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  async stopAll(graceMs) {
    await Promise.all([...this.children].map((proc) => proc.stop(graceMs)));
  }

  track(label, child) {
    let output = '';
    let spawnError;
    const exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? signal));
      child.once('error', (error) => {
        spawnError = error;
        resolve('error');
      });
    });
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT / 2);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    const alive = () => child.exitCode === null && child.signalCode === null && !spawnError;
    const proc = {
      label,
      child,
      exited,
      output: () => output,
      /** Resolves once `pattern` appears in the output; fails if the process exits first or time runs out. */
      waitFor: async (pattern, { timeoutMs = 60_000, signal } = {}) => {
        const deadline = Date.now() + timeoutMs;
        while (!pattern.test(output)) {
          if (spawnError) throw new Error(`${label} could not start: ${spawnError.message}`);
          if (!alive()) throw new Error(`${label} exited before ${pattern}; its output:\n${output.slice(-4000)}`);
          if (signal?.aborted) throw new Error(`Interrupted while waiting for ${label}`);
          if (Date.now() > deadline) {
            throw new Error(`${label} did not print ${pattern} within ${timeoutMs / 1000} s; its output:\n${output}`);
          }
          await sleep(25);
        }
      },
      /** SIGTERM (a clean stop), then SIGKILL after `graceMs`; resolves once the process is gone. */
      stop: async (graceMs = 25_000) => {
        if (alive()) {
          child.kill('SIGTERM');
          const outcome = await Promise.race([exited, sleep(graceMs).then(() => 'timeout')]);
          if (outcome === 'timeout' && alive()) child.kill('SIGKILL');
        }
        await exited;
        this.children.delete(proc);
      },
      kill: () => {
        if (alive()) child.kill('SIGKILL');
      },
    };
    this.children.add(proc);
    return proc;
  }
}

async function redisAnswers(url) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
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

/** BENCH_REDIS_URL when set, else a private redis-server on a free port, without persistence. */
export async function provideRedis(processes, log, signal) {
  const given = process.env.BENCH_REDIS_URL;
  if (given) {
    assertLoopback(given, 'BENCH_REDIS_URL');
    if (!(await redisAnswers(given))) throw new Error('BENCH_REDIS_URL does not answer PING');
    log('Redis: BENCH_REDIS_URL');
    return { url: given, private: false };
  }
  const port = await freePort();
  if (signal?.aborted) throw new Error('Interrupted');
  const proc = processes.spawn('redis-server', 'redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitUntil(`redis-server on port ${port}`, () => redisAnswers(url), Boolean, {
      deadline: Date.now() + 10_000,
      everyMs: 50,
    });
  } catch (error) {
    const hint = /ENOENT/.test(proc.output()) ? ' (apt-get install redis-server, or set BENCH_REDIS_URL)' : '';
    throw new Error(`${error.message}${hint}\n${proc.output()}`);
  }
  log(`Redis: private redis-server on port ${port}`);
  return { url, private: true, proc };
}

/**
 * A database of the run's own, `envol_bench_<random>`, owned by envol_owner and migrated, with the
 * three role URLs. Its `drop()` is handed to `register` before the database exists, so an
 * interruption during the migrations removes it too.
 */
export async function provideDatabase(log, register, signal) {
  const superuserUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  assertLoopback(superuserUrl, 'TEST_DATABASE_URL');
  const platform = await loadDist('dist/libs/platform/src/index.js');
  const { ownerDataSource } = await loadDist('dist/apps/api/src/database.js');
  const name = `envol_bench_${randomBytes(4).toString('hex')}`;
  const superuser = new pg.Client({ connectionString: superuserUrl });
  try {
    await superuser.connect();
  } catch (error) {
    throw new Error(`PostgreSQL does not answer at the superuser URL (TEST_DATABASE_URL): ${error.message}`);
  }
  let dropped;
  const drop = () =>
    (dropped ??= (async () => {
      if (!/^envol_bench_[0-9a-f]+$/.test(name)) throw new Error(`Refusing to drop "${name}"`);
      const client = new pg.Client({ connectionString: superuserUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
      log(`Database ${name} dropped.`);
    })());
  try {
    await platform.ensureRoles(superuser, ROLE_PASSWORDS);
    register(drop);
    if (signal?.aborted) throw new Error('Interrupted');
    await platform.ensureDatabase(superuser, name);
    const server = (await superuser.query('SHOW server_version')).rows[0].server_version;
    const settings = {};
    for (const setting of ['synchronous_commit', 'fsync', 'shared_buffers', 'max_connections']) {
      settings[setting] = (await superuser.query(`SHOW ${setting}`)).rows[0][setting];
    }
    const urls = {
      superuserUrl,
      ownerUrl: platform.urlFor(superuserUrl, 'envol_owner', ROLE_PASSWORDS.owner, name),
      appUrl: platform.urlFor(superuserUrl, 'envol_app', ROLE_PASSWORDS.app, name),
      systemUrl: platform.urlFor(superuserUrl, 'envol_system', ROLE_PASSWORDS.system, name),
    };
    const owner = await ownerDataSource(urls.ownerUrl).initialize();
    let migrations;
    try {
      migrations = (await owner.runMigrations({ transaction: 'each' })).length;
    } finally {
      await owner.destroy();
    }
    log(`Database: ${name} (PostgreSQL ${server}, ${migrations} migrations)`);
    return { name, ...urls, postgres: { version: server, ...settings } };
  } finally {
    await superuser.end().catch(() => undefined);
  }
}

export async function redisVersion(url) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return /redis_version:(\S+)/.exec(await client.info('server'))?.[1];
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

const WORKER_READY = /"msg":"worker ready"/;

/**
 * A worker process as `npm run start:worker` runs it (BullMQ), on the run's database and Redis, with
 * `settings` added to its environment; resolves once it is ready. `watch(what, work)` runs
 * `work(alive)`, where `alive()` throws if the worker has exited; a failure carries the end of the
 * worker's output. Stopped when the scenario ends, or by `proc.stop()`.
 */
export async function startWorker(context, settings) {
  const worker = context.node('dist/apps/worker/src/main.js', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: context.database.appUrl,
    DATABASE_SYSTEM_URL: context.database.systemUrl,
    REDIS_URL: context.redisUrl,
    ...settings,
  });
  await worker.waitFor(WORKER_READY, { timeoutMs: 60_000, signal: context.signal });
  const alive = (what) => () => {
    const { exitCode, signalCode } = worker.child;
    if (exitCode !== null || signalCode !== null) {
      throw new Error(`the worker exited (${exitCode ?? signalCode}) before all ${what}`);
    }
  };
  return {
    proc: worker,
    async watch(what, work) {
      try {
        return await work(alive(what));
      } catch (error) {
        throw new Error(`${error.message}\n--- worker output (end) ---\n${worker.output().slice(-4000)}`);
      }
    },
  };
}

/**
 * The in-process job runner, in this process, as the API runs it without REDIS_URL, with `settings`
 * as its configuration's environment. `stop()` may be called more than once; it also runs when the
 * scenario ends.
 */
export async function startEmbeddedJobs(context, settings) {
  const platform = await loadDist('dist/libs/platform/src/index.js');
  const { ENTITIES } = await loadDist('dist/apps/api/src/database.js');
  const { JOB_HANDLERS } = await loadDist('dist/apps/api/src/jobs/handlers.js');
  const config = platform.loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: context.database.appUrl,
    DATABASE_SYSTEM_URL: context.database.systemUrl,
    ...settings,
  });
  const jobs = await platform.startInProcessJobs({
    config,
    entities: ENTITIES,
    handlers: JOB_HANDLERS,
    logger: platform.createLogger(config),
  });
  let stopped;
  const stop = () => (stopped ??= jobs.stop());
  context.defer(stop);
  return { stop };
}

/**
 * The baselines' "database alone": `concurrency` loops on `pool`, each taking the next id and running
 * `work(client, id)` in a transaction of its own (rolled back if it throws). The pool's connections
 * are opened before the clock starts, as a worker's are before its jobs. Answers the seconds taken.
 */
export async function transactionLanes(context, pool, concurrency, ids, work) {
  const warm = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
  warm.forEach((client) => client.release());
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      if (context.signal.aborted) throw new Error('interrupted');
      const id = ids[next++];
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await work(client, id);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return (performance.now() - started) / 1000;
}
