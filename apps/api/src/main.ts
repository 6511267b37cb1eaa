import 'reflect-metadata';
import { ConfigError, createLogger, EmbeddedDatabaseError, KeyFileError, prepareRuntime } from '@app/platform';
import { resolve } from 'node:path';
import { createApp } from './app.factory';
import { migrate } from './migrate';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const started = Date.now();
  const runtime = await prepareRuntime(process.env, say);
  const { config } = runtime;
  const logger = createLogger(config);

  if (runtime.embedded) {
    const applied = await migrate(config.DATABASE_OWNER_URL!);
    if (applied > 0) say(`Applied ${applied} migration(s).`);
  }

  const { app } = await createApp({
    config,
    keys: runtime.keys,
    logger,
    webRoot: resolve(__dirname, '../../../web'),
  });
  await app.listen({ port: config.PORT, host: config.HOST });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping Envol…`);
    await app.close();
    await runtime.embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  for (const notice of runtime.notices) say(notice);
  say(`Envol is ready on http://${shown}:${config.PORT} (started in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
}

main().catch((error: unknown) => {
  // Known start-up problems are one line; anything else keeps its stack for the operator.
  if (error instanceof ConfigError || error instanceof KeyFileError || error instanceof EmbeddedDatabaseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Envol failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
