import 'reflect-metadata';
import { Role } from '@app/contracts';
import { AuditVerifier } from '@app/audit';
import { DOCUMENTS_ENCRYPTED_COLUMNS } from '@app/documents';
import { PARTNERS_ENCRYPTED_COLUMNS } from '@app/partners';
import { PEOPLE_ENCRYPTED_COLUMNS } from '@app/people';
import {
  ConfigError,
  createDataSource,
  rewrapDataKeys,
  rotateDataKey,
  generateKeyFileJson,
  Mailer,
  prepareRuntime,
  type AppConfig,
  type Runtime,
} from '@app/platform';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { ownerDataSource } from './database';
import { resetLinkMail } from './mail/reset-link.mail';
import { migrate } from './migrate';
import { describeError, Provisioning, ProvisioningError } from './provisioning';
import { demoPassword, seedDemo, seedDemoPartners, seedDemoPeople } from './seed/demo';

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
  keys:rotate-data-key --association N          new data key for an association; re-encrypts its rows in batches (resumable)`;

class UsageError extends Error {}

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
  ];
  if (!command || !known.includes(command))
    throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  const { values } = parseArgs({ args: rest, options: OPTIONS, strict: true });

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
          const partners = await seedDemoPartners(owner, runtime.keys, new Date());
          return `Demo data: ${created} account(s) created, ${files} file(s) created, ${partners} partner(s) and outreach session(s) created.`;
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
            [...PEOPLE_ENCRYPTED_COLUMNS, ...DOCUMENTS_ENCRYPTED_COLUMNS, ...PARTNERS_ENCRYPTED_COLUMNS],
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
