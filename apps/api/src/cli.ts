import 'reflect-metadata';
import { ConfigError, generateKeyFileJson, loadConfig } from '@app/platform';
import { migrate } from './migrate';

const USAGE = `Usage: npm run cli -- <command>
  migrate         apply pending migrations (DATABASE_OWNER_URL)
  keys:generate   print a new key file (JSON) on stdout`;

async function run(argv: string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case 'migrate': {
      const config = loadConfig();
      if (!config.DATABASE_OWNER_URL) throw new ConfigError('Invalid configuration: DATABASE_OWNER_URL required');
      const applied = await migrate(config.DATABASE_OWNER_URL);
      process.stdout.write(`Applied ${applied} migration(s).\n`);
      return 0;
    }
    case 'keys:generate':
      process.stdout.write(`${JSON.stringify(generateKeyFileJson(), null, 2)}\n`);
      return 0;
    default:
      process.stderr.write(`${command ? `Unknown command "${command}". ` : ''}${USAGE}\n`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
