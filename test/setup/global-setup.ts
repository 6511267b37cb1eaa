import 'reflect-metadata';
import './aliases';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureRoles, urlFor, DB_ROLES } from '@app/platform';
import { TEST_ROLE_PASSWORDS } from '@app/testing';
import { ownerDataSource } from '../../apps/api/src/database';

/**
 * Once per jest run: make sure the roles exist (cluster-wide), then migrate one template database
 * that every test file clones. Several projects point here; the first one does the work.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.ENVOL_TEST_RUN) return;
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.TEST_DATABASE_URL = admin;
  // Seconds since the epoch first, so a later run can tell how old a leftover database is.
  const runId = `${Math.floor(Date.now() / 1000)}${randomBytes(2).toString('hex')}`;
  const template = `envol_test_${runId}_template`;

  const client = new Client({ connectionString: admin, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch {
    throw new Error(
      `PostgreSQL does not answer at TEST_DATABASE_URL (${new URL(admin).host}): run the tests with "npm test", which starts one`,
    );
  }
  try {
    // Leftovers of runs that were killed before their teardown (older than an hour).
    const stale = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'envol\\_test\\_%'`,
    );
    for (const { datname } of stale.rows) {
      const createdSeconds = Number((datname.split('_')[2] ?? '').slice(0, 10));
      if (Number.isFinite(createdSeconds) && Date.now() / 1000 - createdSeconds > 3_600) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await ensureRoles(client, TEST_ROLE_PASSWORDS).catch(async (error: unknown) => {
      // Another run created them at the same moment: one more pass aligns the attributes.
      if ((error as { code?: string }).code === 'XX000' || (error as { code?: string }).code === '23505') {
        await ensureRoles(client, TEST_ROLE_PASSWORDS);
      } else throw error;
    });
    await client.query(`CREATE DATABASE "${template}" OWNER ${DB_ROLES.owner}`);
    await client.query(`GRANT CONNECT ON DATABASE "${template}" TO ${DB_ROLES.app}, ${DB_ROLES.system}`);
  } finally {
    await client.end();
  }

  const owner = await ownerDataSource(urlFor(admin, DB_ROLES.owner, TEST_ROLE_PASSWORDS.owner, template)).initialize();
  try {
    await owner.runMigrations({ transaction: 'each' });
  } finally {
    await owner.destroy();
  }
  process.env.ENVOL_TEST_RUN = runId;
}
