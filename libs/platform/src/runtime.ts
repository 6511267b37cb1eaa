import { join, resolve } from 'node:path';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/embedded-database';
import { ensureKeyFile, Keys, loadKeyFile } from './keys/key-file';

export interface Runtime {
  config: AppConfig;
  keys: Keys;
  embedded?: EmbeddedDatabase;
  /** What a person starting Envol should be told (never a secret). */
  notices: string[];
}

/**
 * Reads the environment and, when no database is configured outside production, starts the
 * embedded PostgreSQL and creates the key file on first use: `npm start` needs nothing else.
 */
export async function prepareRuntime(
  log: (line: string) => void = () => undefined,
  env: Record<string, string | undefined> = process.env,
): Promise<Runtime> {
  const config = loadConfig(env);
  const notices: string[] = [];
  let embedded: EmbeddedDatabase | undefined;

  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedDatabase(config.ENVOL_HOME, log);
    config.DATABASE_URL = embedded.appUrl;
    config.DATABASE_OWNER_URL = embedded.ownerUrl;
    config.DATABASE_SYSTEM_URL = embedded.systemUrl;
    notices.push(`Embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${join(config.ENVOL_HOME, 'pg')}).`);
  }

  if (!config.ENVOL_KEYS_FILE) {
    if (config.isProduction) throw new ConfigError('Invalid configuration: ENVOL_KEYS_FILE required in production');
    const path = resolve(config.ENVOL_HOME, 'keys.json');
    if (ensureKeyFile(path)) {
      notices.push(
        `Generated the key file ${join(config.ENVOL_HOME, 'keys.json')}: keep it safe, encrypted data cannot be read without it.`,
      );
    }
    config.ENVOL_KEYS_FILE = path;
  }
  const keys = loadKeyFile(config.ENVOL_KEYS_FILE);

  if (!config.REDIS_URL) notices.push('No REDIS_URL: background jobs run in-process over the PostgreSQL outbox.');
  return { config, keys, embedded, notices };
}
