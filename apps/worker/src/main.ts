import 'reflect-metadata';
import {
  assertDatabaseAnswers,
  BullJobPublisher,
  ConfigError,
  configReply,
  createDataSource,
  createLogger,
  createProducerConnection,
  DataKey,
  errorCode,
  JOB_NAMES,
  inTransaction,
  loadKeyFile,
  loadConfig,
  Mailer,
  missingSchedules,
  OutboxExecutor,
  OutboxJob,
  OutboxRelay,
  outboxSettings,
  QUEUE_NAME,
  QUEUE_PREFIX,
  redisDurabilityWarnings,
  SCHEDULE_QUEUE_NAME,
  schedules,
  SystemClock,
  upsertSchedules,
  type Logger,
} from '@app/platform';
import { ACCESS_ENTITIES } from '@app/access';
import { AUDIT_ENTITIES, AuditSealer } from '@app/audit';
import { AUTH_ENTITIES } from '@app/auth';
import { CASEWORK_ENTITIES } from '@app/casework';
import { DOCUMENTS_ENTITIES } from '@app/documents';
import { PATHWAYS_ENTITIES } from '@app/pathways';
import { PEOPLE_ENTITIES } from '@app/people';
import { armDueReminders, armReminderDigests, REMINDER_ENTITIES } from '@app/reminders';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { handlersWith } from './handlers';
import { outboxProcessor, scheduleProcessor } from './outbox.processor';

const STOP_TIMEOUT_MS = 20_000;

/**
 * The BullMQ entry point: processors and schedules only. It needs PostgreSQL and Redis; it refuses
 * to start when a job name has no handler (immich's rule), and drains on SIGTERM. It runs the job
 * handlers, and the relay and sweep schedules that feed BullMQ from the PostgreSQL outbox.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.REDIS_URL) {
    throw new ConfigError('Invalid configuration: the worker needs DATABASE_URL and REDIS_URL');
  }
  if (config.isProduction && !config.DATABASE_SYSTEM_URL) {
    throw new ConfigError('Invalid configuration: DATABASE_SYSTEM_URL required in production (outbox relay)');
  }
  const logger = createLogger(config);
  // The key file, when given, serves the audit sealer and the domain jobs that touch encrypted fields.
  const keys = config.ENVOL_KEYS_FILE ? loadKeyFile(config.ENVOL_KEYS_FILE) : undefined;
  const mailer = new Mailer(config);
  const handlers = handlersWith(keys, { mailer, baseUrl: config.baseUrl });
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new ConfigError(`No handler for job(s): ${missing.join(', ')}`);
  const settings = outboxSettings(config);
  const clock = new SystemClock();

  // Handlers run as envol_app, one connection per concurrent job. The domain libs' entities are
  // registered with their relations (the lead-time resync jobs read files, appointments, documents).
  const dataSource = await createDataSource({
    url: config.DATABASE_URL,
    entities: [
      OutboxJob,
      DataKey,
      ...AUTH_ENTITIES,
      ...ACCESS_ENTITIES,
      ...AUDIT_ENTITIES,
      ...PEOPLE_ENTITIES,
      ...REMINDER_ENTITIES,
      ...PATHWAYS_ENTITIES,
      ...CASEWORK_ENTITIES,
      ...DOCUMENTS_ENTITIES,
    ],
    poolSize: Math.max(settings.concurrency, 2),
    applicationName: 'envol-worker',
  }).initialize();
  await assertDatabaseAnswers(dataSource);
  // The relay and sweep read across associations as envol_system, on a small pool of their own.
  if (!config.DATABASE_SYSTEM_URL) {
    logger.warn('DATABASE_SYSTEM_URL is not set: the outbox relay uses the runtime role (outside production only)');
  }
  const systemDataSource = await createDataSource({
    url: config.DATABASE_SYSTEM_URL ?? config.DATABASE_URL,
    entities: [OutboxJob],
    poolSize: 2,
    applicationName: 'envol-worker-system',
  }).initialize();
  await assertDatabaseAnswers(systemDataSource);

  const producer = createProducerConnection(config.REDIS_URL);
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const redisErrors = throttledWarning(logger, 'Redis is not answering');
  producer.on('error', redisErrors);
  connection.on('error', redisErrors);

  const queue = new Queue(QUEUE_NAME, { connection: producer, prefix: QUEUE_PREFIX });
  const scheduleQueue = new Queue(SCHEDULE_QUEUE_NAME, { connection: producer, prefix: QUEUE_PREFIX });
  const relay = new OutboxRelay(systemDataSource, new BullJobPublisher(queue), {}, clock);
  const executor = new OutboxExecutor(dataSource, handlers, settings.retry, clock, logger);

  const workerOptions = {
    connection,
    prefix: QUEUE_PREFIX,
    autorun: true,
    // A killed worker's active jobs go back to waiting once their lock expires; a job that keeps
    // stalling is dropped by BullMQ, and the sweep publishes its row again.
    lockDuration: settings.lockMs,
    stalledInterval: settings.lockMs,
    maxStalledCount: 3,
  };
  const jobWorker = new Worker(QUEUE_NAME, outboxProcessor(executor), {
    ...workerOptions,
    concurrency: settings.concurrency,
  });
  // The audit sealer needs the HMAC key of the key file and the envol_system role; without either,
  // the API (embedded mode) or another worker seals.
  const sealer =
    keys && config.DATABASE_SYSTEM_URL && config.AUDIT_SEAL_INTERVAL_MS > 0
      ? new AuditSealer(systemDataSource, keys.auditHmacKey)
      : undefined;
  if (!keys) logger.warn('no ENVOL_KEYS_FILE: the reminder lead-time jobs fail until the worker has the key file');
  if (!sealer)
    logger.warn('the audit sealer does not run in this worker (needs ENVOL_KEYS_FILE and DATABASE_SYSTEM_URL)');
  // Arming due reminders reads every association: envol_system only.
  const armReminders = config.DATABASE_SYSTEM_URL
    ? () => {
        const now = clock.now();
        return inTransaction(systemDataSource, { requestId: 'reminders-arm', now }, async (ctx) => {
          const armed = await armDueReminders(ctx.manager, now);
          // The daily digests ride on the same pass, only when mail can be sent.
          if (mailer.configured) await armReminderDigests(ctx.manager, now, config.REMINDER_DIGEST_HOUR);
          return armed;
        });
      }
    : undefined;
  if (!armReminders) logger.warn('reminders are not armed by this worker (needs DATABASE_SYSTEM_URL)');
  const scheduleWorker = new Worker(
    SCHEDULE_QUEUE_NAME,
    scheduleProcessor(
      relay,
      settings.sweepStaleMs,
      sealer ? () => sealer.sealOnce(clock.now()) : undefined,
      armReminders,
    ),
    {
      ...workerOptions,
      concurrency: 1,
    },
  );
  const queueErrors = throttledWarning(logger, 'queue error');
  for (const q of [queue, scheduleQueue]) q.on('error', queueErrors);
  for (const w of [jobWorker, scheduleWorker]) w.on('error', queueErrors);
  for (const worker of [jobWorker, scheduleWorker]) {
    // The message is a code (outbox.processor.ts); ids only otherwise.
    worker.on('failed', (job, error) =>
      logger.warn({ job: job?.name, jobId: job?.id, code: error.message }, 'job failed in the queue'),
    );
  }
  await Promise.all([jobWorker.waitUntilReady(), scheduleWorker.waitUntilReady(), queue.waitUntilReady()]);

  // Schedules are re-created at every start, every time Redis comes back (it may come back empty),
  // and whenever one is found missing (Redis can lose data without dropping the connection:
  // FLUSHALL, eviction). Then every due row still queued is published again at once rather than at
  // the sweep after next: a job Redis kept has the same id, so publishing it again is a no-op.
  const list = schedules(
    settings,
    sealer ? config.AUDIT_SEAL_INTERVAL_MS : 0,
    armReminders ? config.REMINDER_ARM_INTERVAL_MS : 0,
  );
  await upsertSchedules(scheduleQueue, list);
  let recovering: Promise<void> | undefined;
  const recover = (reason: string): void => {
    recovering ??= (async () => {
      await upsertSchedules(scheduleQueue, list);
      const republished = await relay.sweep(0);
      logger.info({ reason, republished }, 'schedules re-created, queued jobs published again');
    })()
      .catch((error: unknown) => logger.warn({ reason, code: errorCode(error) }, 'could not re-create schedules'))
      .finally(() => {
        recovering = undefined;
      });
  };
  producer.on('ready', () => recover('redis reconnected'));
  const watchdog = setInterval(() => {
    missingSchedules(scheduleQueue, list).then(
      (missing) => {
        if (missing.length > 0) recover('schedules missing');
      },
      // Redis away: the reconnection recovers.
      () => undefined,
    );
  }, settings.sweepIntervalMs);
  if (config.isProduction) await warnAboutRedisDurability(producer, logger);
  logger.info({ queue: QUEUE_NAME, handlers: JOB_NAMES.length, schedules: list.map((s) => s.id) }, 'worker ready');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    const forced = setTimeout(() => {
      logger.error('worker did not stop in time');
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    // Active jobs finish first; then the queues, Redis and the pools.
    clearInterval(watchdog);
    await recovering;
    await Promise.all([scheduleWorker.close(), jobWorker.close()]);
    await Promise.all([queue.close(), scheduleQueue.close()]);
    producer.disconnect();
    connection.disconnect();
    mailer.close();
    await Promise.all([dataSource.destroy(), systemDataSource.destroy()]);
    clearTimeout(forced);
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** At most one line per 10 s while Redis is away (not one per reconnection attempt); codes only. */
function throttledWarning(logger: Logger, message: string): (error: Error) => void {
  let lastLogged = 0;
  return (error) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    logger.warn({ code: errorCode(error) }, message);
  };
}

/** Production Redis keeps its data (AOF) and never evicts jobs; say so at start-up when it does not. */
async function warnAboutRedisDurability(redis: Redis, logger: Logger): Promise<void> {
  try {
    const settings = {
      ...configReply(await redis.call('CONFIG', 'GET', 'maxmemory-policy')),
      ...configReply(await redis.call('CONFIG', 'GET', 'appendonly')),
    };
    for (const warning of redisDurabilityWarnings(settings)) logger.warn(warning);
  } catch {
    // Managed Redis services often disable CONFIG: nothing to check, not a reason to stop.
    logger.warn('Could not read the Redis configuration (CONFIG disabled?): check AOF and maxmemory-policy noeviction');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Worker failed to start: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exit(1);
});
