// The read benchmarks' baseline: a minimal `node:http` + `pg` server doing the SQL and the decryption
// Envol does for the same request and answering the same JSON shape, without framework, session,
// guards, validation or audit. One association and one coordinator scope (BENCH_ASSOCIATION,
// BENCH_SITES), fixed at start, as envol_app under row-level security (the tenant set per
// transaction, as Envol does).
//
//   GET /persons?page=N       the caseload page of 50, coordinator scope (+ the total)
//   GET /persons/:id          one file, identity and safe contact decrypted
//   POST /persons/:id/events  log a note, as the social worker BENCH_USER of team BENCH_TEAM: the
//                             person in the team's scope, the event and its version 1 (text
//                             encrypted, each bound to its own row), the person's last contact,
//                             in one transaction; answers the note as Envol does (201)
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { loadDist } from '../harness.mjs';

const envelope = await loadDist('dist/libs/platform/src/crypto/field-envelope.js');
const platform = await loadDist('dist/libs/platform/src/index.js');

const association = process.env.BENCH_ASSOCIATION;
const sites = (process.env.BENCH_SITES ?? '').split(',').filter(Boolean);
const user = process.env.BENCH_USER;
const team = process.env.BENCH_TEAM;
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

// As Envol's scope filter: an equality for one site (the page then follows the site's index).
const SCOPE =
  sites.length === 1 ? `p.association_id = $1 AND p.site_id = $2` : `p.association_id = $1 AND p.site_id = ANY($2)`;
const scopeSites = sites.length === 1 ? sites[0] : sites;

async function caseload(page) {
  return inTenant(async (client) => {
    const rows = (
      await client.query(`SELECT p.* FROM person p WHERE ${SCOPE} ORDER BY p.file_number ASC LIMIT $3 OFFSET $4`, [
        association,
        scopeSites,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
      ])
    ).rows;
    const total = (
      await client.query(`SELECT count(DISTINCT p.id)::int AS total FROM person p WHERE ${SCOPE}`, [
        association,
        scopeSites,
      ])
    ).rows[0].total;
    return { items: rows.map((row) => summary(row).summary), page, pageSize: PAGE_SIZE, total };
  });
}

async function file(id) {
  return inTenant(async (client) => {
    const row = (
      await client.query(`SELECT p.* FROM person p WHERE ${SCOPE} AND p.id = $3`, [association, scopeSites, id])
    ).rows[0];
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

/** The current data key (the highest version), as FieldCipher seals with. */
const current = Math.max(...dataKeys.keys());

function seal(table, column, rowId, text) {
  return envelope.sealField(
    dataKeys.get(current),
    current,
    association,
    { table, column, rowId },
    envelope.textBytes(text),
  );
}

const CONTACTS = new Set(['interview', 'phone_call', 'accompaniment', 'premises_visit', 'safety_incident']);

async function logNote(personId, input) {
  if (typeof input?.type !== 'string' || typeof input.text !== 'string' || input.text.length === 0) return 400;
  return inTenant(async (client) => {
    const found = await client.query(
      `SELECT id FROM person p WHERE p.association_id = $1 AND p.team_id = $2 AND p.id = $3`,
      [association, team, personId],
    );
    if (found.rowCount === 0) return null;
    const id = randomUUID();
    const versionId = randomUUID();
    const attendees = input.attendees ?? ['person'];
    const occurredAt = new Date();
    const row = (
      await client.query(
        `INSERT INTO journal_event (id, association_id, person_id, type, accompaniment_place, occurred_at, duration_minutes,
            attendees, text, goal_id, confidentiality, author_id, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, now(), now(), 1) RETURNING *`,
        [
          id,
          association,
          personId,
          input.type,
          input.accompanimentPlace ?? null,
          occurredAt,
          input.durationMinutes ?? null,
          attendees,
          seal('journal_event', 'text', id, input.text),
          input.confidentiality ?? 'team',
          user,
        ],
      )
    ).rows[0];
    await client.query(
      `INSERT INTO journal_event_version (id, association_id, event_id, version, type, accompaniment_place, occurred_at,
          duration_minutes, attendees, text, goal_id, confidentiality, edited_by, recorded_at)
       VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, NULL, $10, $11, now())`,
      [
        versionId,
        association,
        id,
        row.type,
        row.accompaniment_place,
        row.occurred_at,
        row.duration_minutes,
        row.attendees,
        seal('journal_event_version', 'text', versionId, input.text),
        row.confidentiality,
        user,
      ],
    );
    if (CONTACTS.has(row.type) && row.attendees.includes('person')) {
      await client.query(
        'UPDATE person SET last_contact_at = $2 WHERE id = $1 AND (last_contact_at IS NULL OR last_contact_at < $2)',
        [personId, row.occurred_at],
      );
    }
    return {
      id,
      personId,
      type: row.type,
      accompanimentPlace: row.accompaniment_place,
      occurredAt: row.occurred_at.toISOString(),
      durationMinutes: row.duration_minutes,
      attendees: row.attendees,
      text: input.text,
      goalId: null,
      confidentiality: row.confidentiality,
      authorId: user,
      edited: false,
      version: 1,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  });
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
    request.on('error', reject);
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
  const note = /^\/persons\/([0-9a-f-]{36})\/events$/.exec(url.pathname);
  if (request.method === 'POST' && note) {
    readBody(request)
      .then((body) => logNote(note[1], body))
      .then(
        (result) =>
          result === 400
            ? send(response, 400, { error: 'bad request' })
            : result === null
              ? send(response, 404, { error: 'not found' })
              : send(response, 201, result),
        () => send(response, 500, { error: 'failed' }),
      );
    return;
  }
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
