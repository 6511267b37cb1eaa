// Shared by the drift check and the migration generator: migrate a scratch database as the owner,
// then ask TypeORM what SQL would bring it to the entities (the same as `migration:generate`).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');

export async function schemaDiff() {
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const platform = (await import(path.join(root, 'dist/libs/platform/src/index.js'))).default;
  const { ownerDataSource } = (await import(path.join(root, 'dist/apps/api/src/database.js'))).default;
  const passwords = { owner: 'envol-owner-test', app: 'envol-app-test', system: 'envol-system-test' };
  const name = `envol_test_drift_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await platform.ensureRoles(client, passwords);
    await platform.ensureDatabase(client, name);
    const ds = await ownerDataSource(platform.urlFor(admin, 'envol_owner', passwords.owner, name)).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const sql = await ds.driver.createSchemaBuilder().log();
      return { up: sql.upQueries, down: sql.downQueries };
    } finally {
      await ds.destroy();
    }
  } finally {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  }
}
