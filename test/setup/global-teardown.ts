import { Client } from 'pg';

/** Drops every database of this run (the template and any file's database left by a crash). */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.ENVOL_TEST_RUN;
  const admin = process.env.TEST_DATABASE_URL;
  if (!runId || !admin || process.env.ENVOL_TEST_TORN_DOWN) return;
  process.env.ENVOL_TEST_TORN_DOWN = '1';
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `envol\\_test\\_${runId}\\_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
