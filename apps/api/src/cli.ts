import 'reflect-metadata';
import { Role } from '@app/contracts';
import { AuditVerifier } from '@app/audit';
import { PATHWAYS_ENCRYPTED_COLUMNS } from '@app/pathways';
import { CASEWORK_ENCRYPTED_COLUMNS } from '@app/casework';
import { DOCUMENTS_ENCRYPTED_COLUMNS, FolderStorage } from '@app/documents';
import { PARTNERS_ENCRYPTED_COLUMNS } from '@app/partners';
import { PEOPLE_ENCRYPTED_COLUMNS } from '@app/people';
import { REMINDERS_ENCRYPTED_COLUMNS } from '@app/reminders';
import {
  ConfigError,
  createDataSource,
  rewrapDataKeys,
  rotateDataKey,
  DB_ROLES,
  ensureDatabase,
  ensureKeyFile,
  ensureRoles,
  generateKeyFileJson,
  loadConfig,
  loadKeyFile,
  Mailer,
  urlFor,
  prepareRuntime,
  type AppConfig,
  type Runtime,
} from '@app/platform';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ownerDataSource } from './database';
import { resetLinkMail } from './mail/reset-link.mail';
import { migrate } from './migrate';
import { describeError, Provisioning, ProvisioningError } from './provisioning';
import { demoPassword, seedDemo, seedDemoCasework, seedDemoPartners, seedDemoPeople } from './seed/demo';
import { seedSynthetic } from './seed/synthetic';

const USAGE = `Usage: npm run cli -- <command> [options]
Without DATABASE_OWNER_URL, the embedded database of \`npm start\` is used.

  migrate                                       apply pending migrations
  keys:generate                                 print a new key file (JSON) on stdout
  seed:demo                                     create the demo data (idempotent)
  associations:create --name N [--departements 75,93] [--approval-granted YYYY-MM-DD] [--approval-expires YYYY-MM-DD]
  sites:create --association N --name N --code PAR --departement 75
  teams:create --association N --site PAR --name N
  funders:create --name N
  agreements:create --funder N --association N [--signed-on YYYY-MM-DD]
  admins:create --association N --email E --name N     the association's first admin, with a reset link
  funders:add-user --funder N --email E --name N       a funder's account, with a reset link
  users:reset-link --email E                    a new one-time reset link (48 h)
  audit:verify                                  recompute every audit seal; exit 1 on any problem
  keys:rotate-kek                               re-wrap every data key under the key file's current KEK
  keys:rotate-data-key --association N          new data key for an association; re-encrypts its rows in batches (resumable)
  seed:synthetic [--associations 20] [--persons 50000] [--events-per-person 0] [--seed 1] [--password P] [--database envol_synthetic]
                 [--server postgres://postgres@127.0.0.1:5432/postgres]
                                                synthetic data at scale in a database of its own on the local
                                                PostgreSQL (created and migrated; DATABASE_OWNER_URL instead when set)`;

class UsageError extends Error {}

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const OPTIONS = {
  name: { type: 'string' },
  email: { type: 'string' },
  association: { type: 'string' },
  site: { type: 'string' },
  code: { type: 'string' },
  departement: { type: 'string' },
  departements: { type: 'string' },
  funder: { type: 'string' },
  'approval-granted': { type: 'string' },
  'approval-expires': { type: 'string' },
  'signed-on': { type: 'string' },
  associations: { type: 'string' },
  persons: { type: 'string' },
  'events-per-person': { type: 'string' },
  seed: { type: 'string' },
  password: { type: 'string' },
  database: { type: 'string' },
  server: { type: 'string' },
} as const;

type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

function need(values: Options, ...names: (keyof Options)[]): string[] {
  const missing = names.filter((n) => !values[n]);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}`);
  return names.map((n) => values[n]!);
}

function date(value: string | undefined, option: string): string | undefined {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`--${option} must be YYYY-MM-DD`);
  return value;
}

async function deliverLink(
  config: AppConfig,
  email: string,
  link: { url: string; expiresAt: Date } | null,
): Promise<string> {
  if (!link) return '';
  const mailer = new Mailer(config);
  if (!mailer.configured)
    return `\nReset link for ${email} (single use, until ${link.expiresAt.toISOString()}):\n${link.url}`;
  try {
    await mailer.send(resetLinkMail(email, link, 'new_password'));
    return `\nReset link sent by email to ${email}.`;
  } finally {
    mailer.close();
  }
}

async function withOwner<T>(runtime: Runtime, work: (owner: DataSource) => Promise<T>): Promise<T> {
  const url = runtime.config.DATABASE_OWNER_URL;
  if (!url) throw new ConfigError('Invalid configuration: DATABASE_OWNER_URL required');
  const owner = await ownerDataSource(url).initialize();
  try {
    return await work(owner);
  } finally {
    await owner.destroy();
  }
}

class VerificationFailed extends Error {}

/** Recomputes the chain as envol_system; a problem makes the command fail (exit 1). */
async function verifyAudit(config: AppConfig, hmacKey: Buffer): Promise<string> {
  if (!config.DATABASE_SYSTEM_URL) throw new ConfigError('Invalid configuration: DATABASE_SYSTEM_URL required');
  const system = await createDataSource({ url: config.DATABASE_SYSTEM_URL, entities: [], poolSize: 1 }).initialize();
  try {
    const report = await new AuditVerifier(system, hmacKey).verify();
    const summary = `Audit trail: ${report.seals} seal(s), ${report.sealedEntries} sealed entr(y/ies), ${report.unsealedEntries} not sealed yet.`;
    if (report.ok) return `${summary} Verified: no alteration, deletion or reordering.`;
    const lines = report.problems.map(
      (p) =>
        `  ${p.kind} — seal ${p.seal}${p.position ? `, position ${p.position}` : ''}${p.entryId ? `, entry ${p.entryId}` : ''}`,
    );
    throw new VerificationFailed(`${summary}\nVERIFICATION FAILED:\n${lines.join('\n')}`);
  } finally {
    await system.destroy();
  }
}

function count(value: string | undefined, option: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${option} must be a whole number ≥ ${min}`);
  return Number(value);
}

/**
 * `seed:synthetic`: a database of its own on the local PostgreSQL server (never the embedded one of
 * `npm start`, whose demo data it would drown), created, migrated and filled.
 */
async function synthetic(values: Options): Promise<string> {
  const associations = count(values.associations, 'associations', 20, 1);
  const persons = count(values.persons, 'persons', 50_000, 0);
  const seed = count(values.seed, 'seed', 1);
  const eventsPerPerson = count(values['events-per-person'], 'events-per-person', 0, 0);
  const password = values.password ?? 'synthetic-password';
  if (password.length < 12) throw new UsageError('--password must have at least 12 characters');
  const config = loadConfig();
  const keysFile = config.ENVOL_KEYS_FILE ?? resolve(config.ENVOL_HOME, 'keys.json');
  if (!config.ENVOL_KEYS_FILE && ensureKeyFile(keysFile)) say(`Generated the key file ${keysFile}.`);
  const keys = loadKeyFile(keysFile);
  let ownerUrl = config.DATABASE_OWNER_URL;
  let where = 'DATABASE_OWNER_URL';
  if (!ownerUrl) {
    const server = values.server ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = values.database ?? 'envol_synthetic';
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new UsageError('--database: lower-case letters, digits and _');
    const superuser = new Client({ connectionString: server });
    await superuser.connect();
    try {
      await ensureRoles(superuser);
      if (await ensureDatabase(superuser, name)) say(`Created the database ${name}.`);
    } finally {
      await superuser.end();
    }
    ownerUrl = urlFor(server, DB_ROLES.owner, '', name);
    where = `${name} on ${new URL(server).host}`;
  }
  const applied = await migrate(ownerUrl);
  if (applied > 0) say(`Applied ${applied} migration(s).`);
  const owner = await ownerDataSource(ownerUrl).initialize();
  try {
    // The folder the API reads the documents from, with the same environment (STORAGE_DIR, ENVOL_HOME).
    const storageDir = resolve(config.storageDir);
    say(`Seeding ${persons} persons over ${associations} associations in ${where} (seed ${seed})…`);
    say(`Document files go to ${storageDir}: start the API with the same STORAGE_DIR (and key file) to read them.`);
    const result = await seedSynthetic(owner, keys, {
      associations,
      persons,
      seed,
      password,
      eventsPerPerson,
      storage: new FolderStorage(storageDir),
      say,
    });
    const perSecond = Math.round(result.rows / Math.max(result.seconds, 0.001));
    const c = result.counts;
    return [
      `Synthetic data: ${result.persons} persons, ${result.rows} rows in ${result.seconds.toFixed(1)} s — ${perSecond} rows/s, ${Math.round(result.persons / Math.max(result.seconds, 0.001))} persons/s.`,
      `  (persons with search tokens and consents; ${c.events} journal events and their first versions, ${c.appointments} appointments, ${c.documents} documents, ${c.referrals} referrals, ${c.reminders} reminders, ${c.pathways} pathways with their events)`,
      `Logins (password ${password}, no second factor): admin@synth01.envol.test, coordinator1@synth01.envol.test, worker-s01a-1-1@synth01.envol.test, …`,
    ].join('\n');
  } finally {
    await owner.destroy();
  }
}

async function run(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  if (command === 'keys:generate') return JSON.stringify(generateKeyFileJson(), null, 2);
  const known = [
    'migrate',
    'seed:demo',
    'associations:create',
    'sites:create',
    'teams:create',
    'funders:create',
    'agreements:create',
    'admins:create',
    'funders:add-user',
    'users:reset-link',
    'audit:verify',
    'keys:rotate-kek',
    'keys:rotate-data-key',
    'seed:synthetic',
  ];
  if (!command || !known.includes(command))
    throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  const { values } = parseArgs({ args: rest, options: OPTIONS, strict: true });

  if (command === 'seed:synthetic') return synthetic(values);
  const runtime = await prepareRuntime();
  const { config } = runtime;
  try {
    if (command === 'migrate') return `Applied ${await migrate(config.DATABASE_OWNER_URL ?? '')} migration(s).`;
    if (command === 'audit:verify') return await verifyAudit(config, runtime.keys.auditHmacKey);
    if (runtime.embedded) await migrate(runtime.embedded.ownerUrl);
    return await withOwner(runtime, async (owner) => {
      const p = new Provisioning(owner, runtime.keys);
      switch (command) {
        case 'seed:demo': {
          const created = await seedDemo(
            owner,
            runtime.keys,
            demoPassword(config.ENVOL_HOME, config.DEMO_PASSWORD),
            config.baseUrl,
          );
          const files = await seedDemoPeople(owner, runtime.keys, new Date());
          const casework = await seedDemoCasework(owner, runtime.keys, new Date());
          const partners = await seedDemoPartners(owner, runtime.keys, new Date());
          return `Demo data: ${created} account(s) created, ${files} file(s) created, ${casework.events} journal event(s) and ${casework.appointments} appointment(s) created, ${partners} partner(s) and outreach session(s) created.`;
        }
        case 'associations:create': {
          const [name] = need(values, 'name');
          const departements = (values.departements ?? '')
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean);
          return (
            await p.createAssociation({
              name: name,
              departements,
              approvalGrantedOn: date(values['approval-granted'], 'approval-granted'),
              approvalExpiresOn: date(values['approval-expires'], 'approval-expires'),
            })
          ).message;
        }
        case 'sites:create': {
          const [association, name, code, departement] = need(values, 'association', 'name', 'code', 'departement');
          return (await p.createSite(association, { name: name, code: code, departement: departement })).message;
        }
        case 'teams:create': {
          const [association, site, name] = need(values, 'association', 'site', 'name');
          return (await p.createTeam(association, site, name)).message;
        }
        case 'funders:create':
          return (await p.createFunder(need(values, 'name')[0])).message;
        case 'agreements:create': {
          const [funder, association] = need(values, 'funder', 'association');
          const signedOn = date(values['signed-on'], 'signed-on') ?? new Date().toISOString().slice(0, 10);
          return (await p.createAgreement(funder, association, signedOn)).message;
        }
        case 'admins:create': {
          const [association, email, name] = need(values, 'association', 'email', 'name');
          const outcome = await p.createMember(
            association,
            { email: email, displayName: name, roles: [Role.Admin] },
            config.baseUrl,
          );
          return outcome.message + (await deliverLink(config, email, outcome.link));
        }
        case 'funders:add-user': {
          const [funder, email, name] = need(values, 'funder', 'email', 'name');
          const outcome = await p.createFunderMember(funder, { email: email, displayName: name }, config.baseUrl);
          return outcome.message + (await deliverLink(config, email, outcome.link));
        }
        case 'keys:rotate-kek': {
          const result = await rewrapDataKeys(owner, runtime.keys);
          return `Re-wrapped ${result.rewrapped} data key(s) under ${result.currentKekId}; key-encryption keys still in use: ${result.kekIdsInUse.join(', ') || 'none'}${result.keysOnOtherKeks === 0 ? ' (older ones can now be removed from the key file)' : ''}.`;
        }
        case 'keys:rotate-data-key': {
          const [association] = need(values, 'association');
          const associationId = await p.associationId(association);
          let last = '';
          const result = await rotateDataKey(
            owner,
            runtime.keys,
            associationId,
            [
              ...PEOPLE_ENCRYPTED_COLUMNS,
              ...PATHWAYS_ENCRYPTED_COLUMNS,
              ...CASEWORK_ENCRYPTED_COLUMNS,
              ...DOCUMENTS_ENCRYPTED_COLUMNS,
              ...PARTNERS_ENCRYPTED_COLUMNS,
              ...REMINDERS_ENCRYPTED_COLUMNS,
            ],
            {
              batchSize: 500,
              onProgress: (progress) => {
                const line = `${progress.table}.${progress.column}: ${progress.done}/${progress.total}`;
                if (line !== last) process.stdout.write(`${line}\n`);
                last = line;
              },
            },
          );
          return `Data key of "${association}" now at version ${result.version ?? '?'}: ${result.reencrypted} value(s) re-encrypted${result.resumed ? ' (resumed)' : ''}.`;
        }
        case 'users:reset-link': {
          const [email] = need(values, 'email');
          const link = await p.resetLink(email, config.baseUrl);
          return `Reset link issued.${await deliverLink(config, email, link)}`;
        }
        default:
          throw new UsageError(`Unknown command "${command}"`);
      }
    });
  } finally {
    await runtime.embedded?.stop();
  }
}

run(process.argv.slice(2)).then(
  (output) => {
    process.stdout.write(`${output}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `${error instanceof ProvisioningError || error instanceof ConfigError || error instanceof VerificationFailed ? error.message : describeError(error)}\n`,
    );
    process.exit(1);
  },
);
