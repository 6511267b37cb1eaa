import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignedIn } from './accounts';
import { API, claimRedisDatabase, freePort, Processes, type ClaimedRedisDatabase, type Proc } from './processes';
import { createTestApp, type TestApp } from './test-app';
import { seedWorld, type PrincipalName, type World } from './world';

/** How background jobs run: in the API process (no REDIS_URL), or in the worker process over BullMQ. */
export type DeliveryMode = 'embedded' | 'bullmq';

export interface Deployment {
  readonly mode: DeliveryMode;
  /** Where the API process serves the web UI and the API. */
  readonly baseUrl: string;
  /**
   * The in-process app that wrote the world on the same database (its arming and sealing timers
   * off, and it runs no jobs): for reads as the app would make them, never for delivery.
   */
  readonly fixtures: TestApp;
  readonly world: World;
  readonly api: Proc;
  /** The worker process (BullMQ mode only). */
  readonly worker?: Proc;
  /** A request to the API process as `who` (session cookie and CSRF token); throws on a non-2xx answer. */
  request<T>(
    who: Exclude<PrincipalName, 'anonymous'>,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
  ): Promise<T>;
  close(): Promise<void>;
}

const API_READY = /Envol is ready on http:\/\/127\.0\.0\.1:\d+/;
const WORKER_READY = /"msg":"worker ready"/;

/**
 * Envol started as a deployment runs it, on a fresh database holding the seeded world
 * (test/support/world.ts): the API process alone (`embedded`), or the worker process then the API
 * process with REDIS_URL (`bullmq`, on a Redis database of its own: see claimRedisDatabase). Both
 * read the world's key file; `settings` (timings only) go to every process.
 */
export async function startDeployment(mode: DeliveryMode, settings: Record<string, string>): Promise<Deployment> {
  const fixtures = await createTestApp({ env: { REMINDER_ARM_INTERVAL_MS: '0', AUDIT_SEAL_INTERVAL_MS: '0' } });
  const home = mkdtempSync(join(tmpdir(), 'envol-deployment-'));
  const processes = new Processes(settings);
  let redis: ClaimedRedisDatabase | undefined;
  const close = async (): Promise<void> => {
    await processes.cleanup();
    await redis?.release();
    await fixtures.close();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const world = await seedWorld(fixtures);
    const keysFile = join(home, 'keys.json');
    writeFileSync(keysFile, JSON.stringify(fixtures.keysJson), { mode: 0o600 });
    const env: Record<string, string> = {
      DATABASE_URL: fixtures.db.appUrl,
      DATABASE_SYSTEM_URL: fixtures.db.systemUrl,
      DATABASE_OWNER_URL: fixtures.db.ownerUrl,
      ENVOL_HOME: home,
      ENVOL_KEYS_FILE: keysFile,
      STORAGE_DIR: fixtures.storageDir,
    };
    let worker: Proc | undefined;
    if (mode === 'bullmq') {
      redis = await claimRedisDatabase(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
      env.REDIS_URL = redis.url;
      worker = processes.worker(env);
      await worker.waitFor(WORKER_READY, 30_000);
    }
    const port = await freePort();
    const api = processes.node(API, { ...env, PORT: String(port) });
    await api.waitFor(API_READY, 30_000);
    const baseUrl = `http://127.0.0.1:${port}`;
    return {
      mode,
      baseUrl,
      fixtures,
      world,
      api,
      worker,
      request<T>(who: Exclude<PrincipalName, 'anonymous'>, method: string, url: string, body?: unknown) {
        return callApi<T>(baseUrl, world.sessions[who], method, url, body);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function callApi<T>(
  baseUrl: string,
  session: SignedIn | null,
  method: string,
  url: string,
  body: unknown,
): Promise<T> {
  if (!session) throw new Error('no session for this principal');
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      ...session.headers,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
