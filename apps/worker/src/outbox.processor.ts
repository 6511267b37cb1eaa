import { errorCode, SCHEDULE_NAMES, type OutboxExecutor, type OutboxJobData, type OutboxRelay } from '@app/platform';
import type { Job } from 'bullmq';

/**
 * What BullMQ records of a failure (failedReason, the events stream) is this error's message: only
 * a code, never a driver's message that could quote data.
 */
const codeOnly = (error: unknown): Error => new Error(errorCode(error));

/**
 * The job queue's processor: every job is an outbox row id. Handler failures are recorded on the
 * row (attempts, error code, next run with backoff) and the BullMQ job completes; only a failure of
 * the database itself fails the BullMQ job, and the sweep publishes the row again later.
 */
export function outboxProcessor(executor: OutboxExecutor): (job: Job<OutboxJobData>) => Promise<void> {
  return async (job) => {
    try {
      await executor.execute((job.data as Partial<OutboxJobData> | undefined)?.outboxId);
    } catch (error) {
      throw codeOnly(error);
    }
  };
}

/** The schedule queue's processor, dispatching on the schedule's job name (SCHEDULES.md). */
export function scheduleProcessor(
  relay: OutboxRelay,
  sweepStaleMs: number,
  sealAudit?: () => Promise<unknown>,
  armReminders?: () => Promise<unknown>,
): (job: Job) => Promise<void> {
  return async (job) => {
    try {
      if (job.name === SCHEDULE_NAMES.relay) await relay.relay();
      else if (job.name === SCHEDULE_NAMES.sweep) await relay.sweep(sweepStaleMs);
      else if (job.name === SCHEDULE_NAMES.auditSeal && sealAudit) await sealAudit();
      else if (job.name === SCHEDULE_NAMES.remindersArm && armReminders) await armReminders();
      // Anything else is a schedule an older version left in Redis: nothing to do.
    } catch (error) {
      throw codeOnly(error);
    }
  };
}
