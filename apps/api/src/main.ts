import 'reflect-metadata';
import {
  ConfigError,
  createLogger,
  EmbeddedDatabaseError,
  KeyFileError,
  prepareRuntime,
  startInProcessJobs,
} from '@app/platform';
import { resolve } from 'node:path';
import { createApp } from './app.factory';
import { ENTITIES, ownerDataSource } from './database';
import { JOB_HANDLERS } from './jobs/handlers';
import { migrate } from './migrate';
import { DEMO_ACCOUNTS, demoPassword, seedDemo, seedDemoCasework, seedDemoPartners, seedDemoPeople } from './seed/demo';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const started = Date.now();
  const runtime = await prepareRuntime(say);
  const { config } = runtime;
  const logger = createLogger(config);

  let demo: { password: string; created: number } | undefined;
  if (runtime.embedded) {
    const applied = await migrate(runtime.embedded.ownerUrl);
    if (applied > 0) say(`Applied ${applied} migration(s).`);
    // Demo data at every embedded start, idempotently: new demo content appears after upgrades.
    const password = demoPassword(config.ENVOL_HOME, config.DEMO_PASSWORD);
    const owner = await ownerDataSource(runtime.embedded.ownerUrl).initialize();
    try {
      demo = { password, created: await seedDemo(owner, runtime.keys, password, config.baseUrl) };
      await seedDemoPeople(owner, runtime.keys, new Date());
      await seedDemoCasework(owner, runtime.keys, new Date());
      await seedDemoPartners(owner, runtime.keys, new Date());
    } finally {
      await owner.destroy();
    }
  }

  const { app } = await createApp({
    config,
    keys: runtime.keys,
    logger,
    webRoot: resolve(__dirname, '../../../web'),
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  // Without Redis, jobs run in this process over the PostgreSQL outbox (the worker's handlers).
  const jobs = config.REDIS_URL
    ? undefined
    : await startInProcessJobs({ config, entities: ENTITIES, handlers: JOB_HANDLERS, logger });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping Envol…`);
    await jobs?.stop();
    await app.close();
    await runtime.embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  for (const notice of runtime.notices) say(notice);
  if (demo) {
    say(`Demo logins (password: ${demo.password}${config.DEMO_PASSWORD ? ', from DEMO_PASSWORD' : ''}):`);
    for (const account of DEMO_ACCOUNTS) {
      say(
        `  ${account.email.padEnd(32)} ${account.roles.join(', ')}${account.association ? ` — ${account.association}` : ''}`,
      );
    }
  }
  say(`Envol is ready on http://${shown}:${config.PORT} (started in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
}

main().catch((error: unknown) => {
  // Known start-up problems are one line; anything else keeps its stack for the operator.
  if (error instanceof ConfigError || error instanceof KeyFileError || error instanceof EmbeddedDatabaseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Envol failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
