import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DB_ROLES, urlFor } from '@app/platform';

/** Passwords the test set-up gives the roles (ignored where the local server trusts). */
export const TEST_ROLE_PASSWORDS = { owner: 'envol-owner-test', app: 'envol-app-test', system: 'envol-system-test' };

export interface TestDatabase {
  name: string;
  superuserUrl: string;
  ownerUrl: string;
  appUrl: string;
  systemUrl: string;
  drop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the tests through "npm test" (or jest, whose global set-up sets it)`);
  return value;
}

/** The superuser URL the global set-up found (TEST_DATABASE_URL or the local server). */
export function superuserUrl(): string {
  return required('TEST_DATABASE_URL');
}

export function testRunId(): string {
  return required('ENVOL_TEST_RUN');
}

export function templateName(): string {
  return `envol_test_${testRunId()}_template`;
}

/**
 * A fresh database for one test file, cloned from the template the global set-up migrated once.
 * Names contain `test` (the suites refuse any other) and the run id, so parallel runs never meet.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = superuserUrl();
  const name = `envol_test_${testRunId()}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" OWNER ${DB_ROLES.owner} TEMPLATE "${templateName()}"`);
    await client.query(`GRANT CONNECT ON DATABASE "${name}" TO ${DB_ROLES.app}, ${DB_ROLES.system}`);
  } finally {
    await client.end();
  }
  return {
    name,
    superuserUrl: urlFor(
      admin,
      new URL(admin).username || 'postgres',
      decodeURIComponent(new URL(admin).password),
      name,
    ),
    ownerUrl: urlFor(admin, DB_ROLES.owner, TEST_ROLE_PASSWORDS.owner, name),
    appUrl: urlFor(admin, DB_ROLES.app, TEST_ROLE_PASSWORDS.app, name),
    systemUrl: urlFor(admin, DB_ROLES.system, TEST_ROLE_PASSWORDS.system, name),
    drop: () => dropDatabase(name),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  if (!name.includes('test')) throw new Error(`Refusing to drop "${name}": test databases have "test" in their name`);
  const client = new Client({ connectionString: superuserUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
