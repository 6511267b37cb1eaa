// The read benchmarks' baseline: a minimal `node:http` + `pg` server doing the SQL and the decryption
// Envol does for the same request and answering the same JSON shape, without framework, session,
// guards, validation or audit. One association and one coordinator scope (BENCH_ASSOCIATION,
// BENCH_SITES), fixed at start, as envol_app under row-level security (the tenant set per
// transaction, as Envol does).
//
//   GET /persons?page=N   the caseload page of 50, coordinator scope (+ the total)
//   GET /persons/:id      one file, identity and safe contact decrypted
import { createServer } from 'node:http';
import pg from 'pg';
import { loadDist } from '../harness.mjs';

const envelope = await loadDist('dist/libs/platform/src/crypto/field-envelope.js');
const platform = await loadDist('dist/libs/platform/src/index.js');

const association = process.env.BENCH_ASSOCIATION;
const sites = (process.env.BENCH_SITES ?? '').split(',').filter(Boolean);
const keys = platform.loadKeyFile(process.env.ENVOL_KEYS_FILE);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  application_name: 'envol-bench-baseline',
});
const PAGE_SIZE = 50;

/** One transaction with the tenant set, as Envol's request transaction. */
async function inTenant(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.association_id', $1, true)`, [association]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const dataKeys = new Map(
  await inTenant(async (client) =>
    (
      await client.query(`SELECT version, wrapped, kek_id FROM data_key WHERE association_id = $1`, [association])
    ).rows.map((row) => [
      row.version,
      envelope.toKeyObject(envelope.unwrapDataKey(keys, association, row.version, row.kek_id, row.wrapped)),
    ]),
  ),
);

function open(row, column) {
  const key = dataKeys.get(envelope.fieldVersion(row[column]));
  const plain = envelope.openField(key, association, { table: 'person', column, rowId: row.id }, row[column]);
  return JSON.parse(plain.toString('utf8'));
}

const displayName = (identity, fileNumber) =>
  identity.usedName?.trim() ||
  identity.legalName?.trim() ||
  identity.aliases.find((a) => a.trim())?.trim() ||
  fileNumber;

function summary(row) {
  const identity = open(row, 'identity');
  return {
    summary: {
      id: row.id,
      fileNumber: row.file_number,
      displayName: displayName(identity, row.file_number),
      status: row.status,
      referentId: row.referent_id,
      teamId: row.team_id,
      siteId: row.site_id,
      lastContactAt: row.last_contact_at?.toISOString() ?? null,
      minor: row.is_minor,
      version: row.version,
    },
    identity,
  };
}

const SCOPE = `p.association_id = $1 AND p.site_id = ANY($2)`;

async function caseload(page) {
  return inTenant(async (client) => {
    const rows = (
      await client.query(`SELECT p.* FROM person p WHERE ${SCOPE} ORDER BY p.file_number ASC LIMIT $3 OFFSET $4`, [
        association,
        sites,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
      ])
    ).rows;
    const total = (
      await client.query(`SELECT count(DISTINCT p.id)::int AS total FROM person p WHERE ${SCOPE}`, [association, sites])
    ).rows[0].total;
    return { items: rows.map((row) => summary(row).summary), page, pageSize: PAGE_SIZE, total };
  });
}

async function file(id) {
  return inTenant(async (client) => {
    const row = (await client.query(`SELECT p.* FROM person p WHERE ${SCOPE} AND p.id = $3`, [association, sites, id]))
      .rows[0];
    if (!row) return null;
    const { summary: head, identity } = summary(row);
    return {
      ...head,
      identity,
      safeContact: open(row, 'safe_contact'),
      attributes: {
        birthYear: row.birth_year,
        gender: row.gender,
        nationalityGroup: row.nationality_group,
        languages: row.languages,
        departement: row.departement,
      },
      grantExpiresAt: null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  });
}

function send(response, status, body) {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}

const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const one = /^\/persons\/([0-9a-f-]{36})$/.exec(url.pathname);
  const work =
    url.pathname === '/persons'
      ? caseload(Math.max(1, Number(url.searchParams.get('page') ?? 1)))
      : one
        ? file(one[1])
        : Promise.resolve(undefined);
  work.then(
    (body) =>
      body === undefined || body === null ? send(response, 404, { error: 'not found' }) : send(response, 200, body),
    () => send(response, 500, { error: 'failed' }),
  );
});
server.listen(Number(process.env.PORT), '127.0.0.1', () =>
  process.stdout.write(`baseline ready on ${process.env.PORT}\n`),
);
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
