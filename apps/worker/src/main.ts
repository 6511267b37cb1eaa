import 'reflect-metadata';
import {
  assertDatabaseAnswers,
  ConfigError,
  createDataSource,
  createLogger,
  JOB_NAMES,
  loadConfig,
  QUEUE_NAME,
  QUEUE_PREFIX,
} from '@app/platform';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { handlers } from './handlers';

/**
 * The BullMQ entry point: processors and schedules only. It needs PostgreSQL and Redis; it refuses
 * to start when a job name has no handler (immich's rule), and drains on SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.REDIS_URL) {
    throw new ConfigError('Invalid configuration: the worker needs DATABASE_URL and REDIS_URL');
  }
  const logger = createLogger(config);
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new ConfigError(`No handler for job(s): ${missing.join(', ')}`);

  const dataSource = await createDataSource({
    url: config.DATABASE_URL,
    entities: [],
    poolSize: 4,
    applicationName: 'envol-worker',
  }).initialize();
  await assertDatabaseAnswers(dataSource);

  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job) => {
      const handler = handlers[job.name as keyof typeof handlers];
      if (!handler) throw new Error(`No handler for job ${job.name}`);
      await handler(job.data as never);
    },
    { connection, prefix: QUEUE_PREFIX, concurrency: 10, autorun: true },
  );
  worker.on('failed', (job, error) =>
    logger.warn({ job: job?.name, jobId: job?.id, err: { message: error.message } }, 'job failed'),
  );
  await worker.waitUntilReady();
  logger.info({ queue: QUEUE_NAME, handlers: JOB_NAMES.length }, 'worker ready');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    await worker.close();
    connection.disconnect();
    await dataSource.destroy();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Worker failed to start: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exit(1);
});
