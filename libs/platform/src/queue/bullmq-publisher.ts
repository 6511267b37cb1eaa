import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobPublisher, PublishedJob } from '../outbox/outbox-relay';
import { outboxJobId, type OutboxJobData } from './queues';

const COMMAND_TIMEOUT_MS = 2_000;

/**
 * A Redis connection for producers (the relay, the sweep, the schedules): no offline queue and a
 * command timeout, so a Redis outage makes them fail at once instead of hanging (TOOLCHAIN.md).
 * It reconnects by itself; the outbox keeps what could not be published.
 */
export function createProducerConnection(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Back within a second of Redis returning, never hammering it while it is gone.
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  });
}

/**
 * Hands outbox rows to BullMQ. The job id is the prefixed row id: publishing the same row twice
 * while its job is in Redis is a no-op. Jobs are removed once finished, so the id is free again for
 * a later retry of the row; retries and backoff are the row's business, not BullMQ's (one attempt).
 */
export class BullJobPublisher implements JobPublisher {
  constructor(private readonly queue: Queue) {}

  async publish(jobs: readonly PublishedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: job.jobName,
        data: { outboxId: job.outboxId } satisfies OutboxJobData,
        opts: { jobId: outboxJobId(job.outboxId), attempts: 1, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
}
