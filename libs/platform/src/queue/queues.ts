/**
 * Queue names and the job-name → payload map. Payloads carry ids only, never personal data
 * (STYLE.md "Jobs"); producers and processors share these types.
 */
export const QUEUE_NAME = 'envol';
export const QUEUE_PREFIX = 'envol';

export interface JobPayloads {
  /** A liveness job the worker answers; used by the boot smoke test and operators. */
  'system.ping': { outboxId: string };
}

export type JobName = keyof JobPayloads;
export const JOB_NAMES = ['system.ping'] as const satisfies readonly JobName[];
