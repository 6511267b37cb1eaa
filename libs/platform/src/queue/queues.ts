/**
 * Queue names and the job-name → payload map. Payloads carry ids only, never personal data
 * (STYLE.md "Jobs"); producers and processors share these types. A payload is stored on its outbox
 * row; what travels through Redis is `{ outboxId }` alone (`OutboxJobData`).
 */
export const QUEUE_NAME = 'envol';
export const QUEUE_PREFIX = 'envol';
/** The relay and sweep schedules, apart so they never wait behind a backlog of business jobs. */
export const SCHEDULE_QUEUE_NAME = 'envol-schedules';

/** A payload value: a uuid, a numeric id as a string, or a number. Checked at run time by `assertIdsOnly`. */
export type JobPayloadValue = string | number;
export type JobPayload = Readonly<Record<string, JobPayloadValue | readonly JobPayloadValue[]>>;

export interface JobPayloads {
  /** A liveness job the worker answers; used by the boot smoke test, the fault suite and operators. */
  'system.ping': Record<string, never>;
  /**
   * Always fails: shows the retry, backoff and parking path end to end (fault suite), and lets an
   * operator check that failed jobs reach the admins' list and the metrics.
   */
  'system.poison': Record<string, never>;
  /** Delivers one due reminder to its assignees (libs/reminders); the id only, never what it is about. */
  'reminders.notify': { reminderId: string };
  /**
   * The daily email digest of one user (SMTP configured): counts of their open reminders and a link,
   * once per Paris day (`day`, the number yyyymmdd: payloads hold ids and numbers only). The
   * association is the outbox row's.
   */
  'reminders.digest': { userId: string; day: number };
  /**
   * A reminder lead time of the association changed: recompute the open reminders of its files (people
   * lib: no contact, retention review), its appointments (casework) or its documents (documents), a
   * batch of sources at a time, ordered by id after `afterId` (the nil uuid to start); each batch
   * enqueues the next. The association is the outbox row's.
   */
  'people.reminders.resync': { afterId: string };
  'casework.reminders.resync': { afterId: string };
  'documents.reminders.resync': { afterId: string };
}

export type JobName = keyof JobPayloads;
export const JOB_NAMES = [
  'system.ping',
  'system.poison',
  'reminders.notify',
  'reminders.digest',
  'people.reminders.resync',
  'casework.reminders.resync',
  'documents.reminders.resync',
] as const satisfies readonly JobName[];

/** Where a resync job starts: before every uuid. */
export const RESYNC_START = '00000000-0000-0000-0000-000000000000';

/** The BullMQ job's data: the outbox row id, nothing else. */
export interface OutboxJobData {
  outboxId: string;
}

/** Schedules (SCHEDULES.md): job names on `SCHEDULE_QUEUE_NAME`, not outbox jobs. */
export const SCHEDULE_NAMES = {
  relay: 'outbox.relay',
  sweep: 'outbox.sweep',
  auditSeal: 'audit.seal',
  remindersArm: 'reminders.arm',
} as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[keyof typeof SCHEDULE_NAMES];

/** BullMQ refuses job ids made of digits only; the prefix also says where the job comes from. */
export const outboxJobId = (outboxId: string): string => `outbox-${outboxId}`;

// Compile-time check that every payload is made of id-like values only.
type AssertPayloads<T extends { [N in JobName]: JobPayload }> = T;
export type CheckedJobPayloads = AssertPayloads<JobPayloads>;
