import { Client } from 'pg';
import { Processes as SupportProcesses } from '../support/processes';

// The process helpers are shared with the delivery browser spec (test/support/processes.ts).
export { API, freePort, root, sleep, waitUntil, WORKER, type Proc, type RedisServer } from '../support/processes';

/** Settings lowered so the suite runs in seconds; every process of a test gets the same. */
export const FAULT_SETTINGS = {
  OUTBOX_RELAY_INTERVAL_MS: '200',
  OUTBOX_SWEEP_INTERVAL_MS: '3000',
  OUTBOX_SWEEP_STALE_MS: '1000',
  JOB_MAX_ATTEMPTS: '3',
  JOB_BACKOFF_BASE_MS: '200',
  JOB_LOCK_MS: '2000',
  JOB_CONCURRENCY: '10',
};
export const SWEEP_INTERVAL_MS = Number(FAULT_SETTINGS.OUTBOX_SWEEP_INTERVAL_MS);

/** The processes of one fault test, all with FAULT_SETTINGS. */
export class Processes extends SupportProcesses {
  constructor() {
    super(FAULT_SETTINGS);
  }
}

export interface OutboxSummary {
  total: number;
  pending: number;
  queued: number;
  done: number;
  failed: number;
  /** Rows whose effect committed more than once: must stay 0. */
  duplicates: number;
  /** Done rows whose effect counter is not exactly 1. */
  doneNotOnce: number;
}

/** Counts read as the owner, apart from the processes under test. */
export async function summary(db: Client): Promise<OutboxSummary> {
  const { rows } = await db.query<OutboxSummary>(`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE state = 'pending')::int AS pending,
           count(*) FILTER (WHERE state = 'queued')::int AS queued,
           count(*) FILTER (WHERE state = 'done')::int AS done,
           count(*) FILTER (WHERE state = 'failed')::int AS failed,
           count(*) FILTER (WHERE effects > 1)::int AS duplicates,
           count(*) FILTER (WHERE state = 'done' AND effects <> 1)::int AS "doneNotOnce"
      FROM outbox_job`);
  return rows[0];
}
