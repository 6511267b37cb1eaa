import type { DataSource, DataSourceOptions } from 'typeorm';
import { type AppConfig, ConfigError } from '../config/config';
import { createDataSource } from '../database/data-source';
import type { Logger } from '../logging/logger';
import { Clock, SystemClock } from '../time/clock';
import { type JobHandlerMap, missingHandlers } from './job-handlers';
import { OutboxJob } from './outbox-job.entity';
import { OutboxExecutor } from './outbox-executor';
import { outboxSettings } from './outbox-settings';
import { InProcessJobRunner } from './in-process-runner';

export interface InProcessJobs {
  runner: InProcessJobRunner;
  stop(): Promise<void>;
}

export interface InProcessJobsInput {
  config: AppConfig;
  /** The entities handlers use: the composition root's list, `OutboxJob` included. */
  entities: NonNullable<DataSourceOptions['entities']>;
  handlers: JobHandlerMap;
  logger?: Logger;
  clock?: Clock;
}

/**
 * Starts the in-process job runner of an API without REDIS_URL. It has pools of its own: handlers
 * run as `envol_app` without taking connections from requests, and the pools outlive the HTTP
 * app's shutdown until the jobs in hand are done. Rows are claimed as `envol_system` when
 * DATABASE_SYSTEM_URL is set (always in embedded mode), else as the runtime role, which may also
 * read the outbox (it is exempt from row-level security).
 */
export async function startInProcessJobs(input: InProcessJobsInput): Promise<InProcessJobs> {
  const { config } = input;
  const missing = missingHandlers(input.handlers);
  if (missing.length > 0) throw new ConfigError(`No handler for job(s): ${missing.join(', ')}`);
  if (!config.DATABASE_URL) throw new ConfigError('Invalid configuration: DATABASE_URL is not set');
  const settings = outboxSettings(config);
  const clock = input.clock ?? new SystemClock();
  const pools: DataSource[] = [];
  try {
    const app = await createDataSource({
      url: config.DATABASE_URL,
      entities: input.entities,
      poolSize: settings.concurrency,
      applicationName: 'envol-jobs',
    }).initialize();
    pools.push(app);
    const system = config.DATABASE_SYSTEM_URL
      ? await createDataSource({
          url: config.DATABASE_SYSTEM_URL,
          entities: [OutboxJob],
          poolSize: 2,
          applicationName: 'envol-jobs-system',
        }).initialize()
      : app;
    if (system !== app) pools.push(system);
    const runner = new InProcessJobRunner({
      claimDataSource: system,
      executor: new OutboxExecutor(app, input.handlers, settings.retry, clock, input.logger),
      intervalMs: settings.relayIntervalMs,
      staleMs: settings.sweepStaleMs,
      concurrency: settings.concurrency,
      clock,
      logger: input.logger,
    });
    runner.start();
    return {
      runner,
      stop: async () => {
        await runner.stop();
        await Promise.all(pools.filter((p) => p.isInitialized).map((p) => p.destroy()));
      },
    };
  } catch (error) {
    await Promise.all(pools.filter((p) => p.isInitialized).map((p) => p.destroy()));
    throw error;
  }
}
