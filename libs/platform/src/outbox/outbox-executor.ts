import type { DataSource } from 'typeorm';
import { inTransaction, RequestContext, setTenant } from '../database/request-context';
import type { Logger } from '../logging/logger';
import type { JobName } from '../queue/queues';
import { Clock, SystemClock } from '../time/clock';
import type { JobHandlerMap } from './job-handlers';
import {
  afterFailure,
  assertIdsOnly,
  errorCode,
  isUuid,
  OutboxError,
  OutboxErrorCode,
  OutboxState,
  type RetrySettings,
} from './outbox.rules';

export type ExecutionOutcome = 'done' | 'skipped' | 'retrying' | 'failed';

interface LockedRow {
  association_id: string | null;
  job_name: string;
  payload: unknown;
  state: OutboxState;
  run_at: Date;
}

const RUNNABLE: readonly string[] = [OutboxState.Pending, OutboxState.Queued];

/**
 * Runs one outbox row's handler. The same code serves the BullMQ worker and the in-process runner;
 * what arrives from Redis is only a row id, and everything else is read from the row, under a row
 * lock, in the transaction that will mark it done. A second delivery of the same row (sweep after a
 * Redis wipe, a job id enqueued twice, a worker killed after commit) waits for the lock, then finds
 * the row done and does nothing.
 */
export class OutboxExecutor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: JobHandlerMap,
    private readonly settings: RetrySettings,
    private readonly clock: Clock = new SystemClock(),
    private readonly logger?: Logger,
  ) {}

  async execute(outboxId: unknown): Promise<ExecutionOutcome> {
    // Whatever Redis hands over is checked: a malformed id runs nothing.
    if (!isUuid(outboxId)) return 'skipped';
    const now = this.clock.now();
    const init = { requestId: `job:${outboxId}`, now };
    let jobName: string | undefined;
    try {
      return await inTransaction(this.dataSource, init, async (base) => {
        const rows = await base.manager.query<LockedRow[]>(
          'SELECT association_id, job_name, payload, state, run_at FROM outbox_job WHERE id = $1 FOR UPDATE',
          [outboxId],
        );
        const row = rows[0];
        if (!row || !RUNNABLE.includes(row.state)) return 'skipped';
        jobName = row.job_name;
        if (row.run_at.getTime() > now.getTime()) {
          // Delivered early (a stale duplicate during a backoff, or clocks apart): the relay takes it
          // again when it is due.
          if (row.state === OutboxState.Queued) {
            await base.manager.query(`UPDATE outbox_job SET state = 'pending', updated_at = $2 WHERE id = $1`, [
              outboxId,
              now,
            ]);
          }
          return 'skipped';
        }
        const handler = this.handlers[row.job_name as JobName] as
          ((ctx: RequestContext, payload: unknown) => Promise<void>) | undefined;
        if (typeof handler !== 'function') throw new OutboxError(OutboxErrorCode.NoHandler);
        assertIdsOnly(row.payload);
        // The tenant comes from the row: the handler's queries see that association only.
        await setTenant(base.manager, row.association_id);
        const ctx = new RequestContext({ ...init, associationId: row.association_id }, base.manager);
        await handler(ctx, row.payload);
        await base.manager.query(
          `UPDATE outbox_job SET state = 'done', done_at = $2, updated_at = $2, effects = effects + 1 WHERE id = $1`,
          [outboxId, now],
        );
        return 'done';
      });
    } catch (error) {
      // The effect rolled back with the transaction; the attempt is recorded in a transaction of its own.
      const code = errorCode(error);
      const outcome = await this.recordFailure(outboxId, code);
      const log = { outboxId, job: jobName, code, outcome };
      if (outcome === 'failed') this.logger?.error(log, 'job failed for good');
      else if (outcome === 'retrying') this.logger?.warn(log, 'job failed, will retry');
      return outcome;
    }
  }

  private async recordFailure(outboxId: string, code: string): Promise<ExecutionOutcome> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ attempts: number; state: OutboxState }[]>(
        'SELECT attempts, state FROM outbox_job WHERE id = $1 FOR UPDATE',
        [outboxId],
      );
      const row = rows[0];
      if (!row || !RUNNABLE.includes(row.state)) return 'skipped';
      const attempts = row.attempts + 1;
      const next = afterFailure(attempts, this.settings, now);
      await manager.query(
        `UPDATE outbox_job
            SET attempts = $2, last_error_code = $3, state = $4, run_at = COALESCE($5, run_at), updated_at = $6
          WHERE id = $1`,
        [outboxId, attempts, code, next.state, next.state === OutboxState.Pending ? next.runAt : null, now],
      );
      return next.state === OutboxState.Failed ? 'failed' : 'retrying';
    });
  }
}
