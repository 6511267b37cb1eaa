import 'reflect-metadata';
import { AccountsService, AuthSettings } from '@app/auth';
import { ConfigError, generateKeyFileJson, inTransaction, loadConfig, Mailer, type AppConfig } from '@app/platform';
import { parseArgs } from 'node:util';
import { ownerDataSource } from './database';
import { migrate } from './migrate';
import { demoPassword, seedDemo } from './seed/demo';

const USAGE = `Usage: npm run cli -- <command> [options]
  migrate                                   apply pending migrations (DATABASE_OWNER_URL)
  keys:generate                             print a new key file (JSON) on stdout
  seed:demo                                 create the demo accounts (idempotent)
  users:create --email E --name N [--mfa-required]
                                            create an account and issue its first reset link
  users:reset-link --email E                issue a one-time reset link (48 h)`;

class UsageError extends Error {}

function ownerUrl(config: AppConfig): string {
  if (!config.DATABASE_OWNER_URL) throw new ConfigError('Invalid configuration: DATABASE_OWNER_URL required');
  return config.DATABASE_OWNER_URL;
}

async function withOwner<T>(
  config: AppConfig,
  work: (ds: Awaited<ReturnType<ReturnType<typeof ownerDataSource>['initialize']>>) => Promise<T>,
): Promise<T> {
  const ds = await ownerDataSource(ownerUrl(config)).initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

/** Sends the link when SMTP is configured; otherwise prints it to hand over in person. */
async function deliverLink(config: AppConfig, email: string, url: string, expiresAt: Date): Promise<string> {
  const mailer = new Mailer(config);
  if (!mailer.configured) return `Reset link for ${email} (single use, until ${expiresAt.toISOString()}):\n${url}`;
  try {
    await mailer.send({
      to: email,
      subject: 'Envol : choisissez votre mot de passe / choose your password',
      text: `Bonjour,\n\nPour choisir votre mot de passe Envol, ouvrez ce lien (valable une seule fois, jusqu'au ${expiresAt.toISOString()}) :\n${url}\n\nTo choose your Envol password, open the link above (single use).`,
    });
    return `Reset link sent by email to ${email} (valid until ${expiresAt.toISOString()}).`;
  } finally {
    mailer.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, 'mfa-required': { type: 'boolean' } },
    strict: true,
  });
  const now = new Date();
  switch (command) {
    case 'migrate': {
      const applied = await migrate(ownerUrl(loadConfig()));
      process.stdout.write(`Applied ${applied} migration(s).\n`);
      return 0;
    }
    case 'keys:generate':
      process.stdout.write(`${JSON.stringify(generateKeyFileJson(), null, 2)}\n`);
      return 0;
    case 'seed:demo': {
      const config = loadConfig();
      const password = demoPassword(config.ENVOL_HOME, config.DEMO_PASSWORD);
      const created = await withOwner(config, (ds) => seedDemo(ds, password, now));
      process.stdout.write(`Demo data: ${created} account(s) created.\n`);
      return 0;
    }
    case 'users:create':
    case 'users:reset-link': {
      if (!values.email) throw new UsageError('--email is required');
      if (command === 'users:create' && !values.name) throw new UsageError('--name is required');
      const config = loadConfig();
      const accounts = new AccountsService(new AuthSettings());
      const link = await withOwner(config, (ds) =>
        inTransaction(ds, { requestId: `cli-${command}`, now }, async (ctx) => {
          const account =
            command === 'users:create'
              ? await accounts.create(ctx, {
                  email: values.email!,
                  displayName: values.name!,
                  associationId: null,
                  mfaRequired: values['mfa-required'] ?? false,
                })
              : await accounts.findByEmail(ctx, values.email!);
          if (!account) throw new UsageError(`No account with the email ${values.email}`);
          return accounts.issueResetLink(ctx, account.id, config.baseUrl, null);
        }),
      );
      process.stdout.write(`${await deliverLink(config, values.email, link.url, link.expiresAt)}\n`);
      return 0;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    const code = (error as { code?: string }).code;
    process.stderr.write(
      `${code === 'EMAIL_TAKEN' ? 'An account with this email already exists.' : error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
