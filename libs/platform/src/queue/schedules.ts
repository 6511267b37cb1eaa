import type { Queue } from 'bullmq';
import type { OutboxSettings } from '../outbox/outbox-settings';
import { BUSINESS_TIME_ZONE } from '../time/clock';
import { SCHEDULE_NAMES, type ScheduleName } from './queues';

export interface Schedule {
  /** The BullMQ job scheduler id, also the job name on the schedule queue. */
  id: ScheduleName;
  everyMs: number;
  /** Named on every schedule (STYLE.md "Jobs"), even interval ones, so a cron added later inherits it. */
  tz: typeof BUSINESS_TIME_ZONE;
}

/** Every schedule of the worker; SCHEDULES.md lists them and a unit test keeps the two in step. */
export function schedules(
  settings: Pick<OutboxSettings, 'relayIntervalMs' | 'sweepIntervalMs'>,
  auditSealIntervalMs = 0,
  remindersArmIntervalMs = 0,
): Schedule[] {
  return [
    { id: SCHEDULE_NAMES.relay, everyMs: settings.relayIntervalMs, tz: BUSINESS_TIME_ZONE },
    { id: SCHEDULE_NAMES.sweep, everyMs: settings.sweepIntervalMs, tz: BUSINESS_TIME_ZONE },
    // 0: the audit sealer does not run from this worker (no key file, or disabled).
    ...(auditSealIntervalMs > 0
      ? [{ id: SCHEDULE_NAMES.auditSeal, everyMs: auditSealIntervalMs, tz: BUSINESS_TIME_ZONE } satisfies Schedule]
      : []),
    ...(remindersArmIntervalMs > 0
      ? [
          {
            id: SCHEDULE_NAMES.remindersArm,
            everyMs: remindersArmIntervalMs,
            tz: BUSINESS_TIME_ZONE,
          } satisfies Schedule,
        ]
      : []),
  ];
}

/**
 * Creates or updates the schedulers (BullMQ 6: `upsertJobScheduler`; `repeat` on `add` is gone).
 * Called at every start and every time Redis comes back: a Redis restarted without its data has
 * lost them.
 */
export async function upsertSchedules(queue: Queue, list: readonly Schedule[]): Promise<void> {
  for (const schedule of list) {
    await queue.upsertJobScheduler(
      schedule.id,
      { every: schedule.everyMs, tz: schedule.tz },
      { name: schedule.id, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    );
  }
}

/**
 * The schedules Redis no longer holds. Redis can lose its data without dropping the connection
 * (FLUSHALL, eviction under a wrong memory policy); the worker checks every sweep interval.
 */
export async function missingSchedules(queue: Queue, list: readonly Schedule[]): Promise<ScheduleName[]> {
  const missing: ScheduleName[] = [];
  for (const schedule of list) {
    if (!(await queue.getJobScheduler(schedule.id))) missing.push(schedule.id);
  }
  return missing;
}
