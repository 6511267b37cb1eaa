import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';
import { Clock, SystemClock } from '../time/clock';
import type { OutboxExecutor } from './outbox-executor';
import { errorCode } from './outbox.rules';

export interface InProcessRunnerOptions {
  /** Claims rows across associations: the `envol_system` pool when there is one. */
  claimDataSource: DataSource;
  executor: OutboxExecutor;
  intervalMs: number;
  /** A row claimed longer ago than this and not done is claimed again (its runner died). */
  staleMs: number;
  concurrency: number;
  batchSize?: number;
  clock?: Clock;
  logger?: Logger;
}

const DEFAULT_BATCH = 100;

/**
 * Without Redis (embedded mode, DESIGN.md "Running it"), the same handlers run in-process over the
 * outbox: every interval, claim a batch of due rows with `FOR UPDATE SKIP LOCKED` (several API
 * processes may run one each), mark them queued, run each through the executor. A claim left by a
 * process that died is taken again once stale, like the sweep does for Redis.
 */
export class InProcessJobRunner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopping = false;
  private readonly clock: Clock;

  constructor(private readonly options: InProcessRunnerOptions) {
    this.clock = options.clock ?? new SystemClock();
  }

  start(): void {
    this.stopping = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the jobs in hand; the rest stay in the outbox for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs everything due now, batch after batch. Returns how many rows were run. */
  async runDue(): Promise<number> {
    const limit = this.options.batchSize ?? DEFAULT_BATCH;
    let total = 0;
    while (!this.stopping) {
      const ids = await this.claim(limit);
      await this.runAll(ids);
      total += ids.length;
      if (ids.length < limit) break;
    }
    return total;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.running = this.runDue()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.options.logger?.warn({ code: errorCode(error) }, 'in-process job runner tick failed'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.intervalMs);
        });
    }, delayMs);
  }

  private async claim(limit: number): Promise<string[]> {
    const now = this.clock.now();
    const [rows] = await this.options.claimDataSource.query<[{ id: string }[], number]>(
      `UPDATE outbox_job SET state = 'queued', updated_at = $1
        WHERE id IN (
          SELECT id FROM outbox_job
           WHERE run_at <= $1 AND (state = 'pending' OR (state = 'queued' AND updated_at < $2))
           ORDER BY run_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, new Date(now.getTime() - this.options.staleMs), limit],
    );
    return rows.map((r) => r.id);
  }

  private async runAll(ids: readonly string[]): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++];
        try {
          await this.options.executor.execute(id);
        } catch (error) {
          // The database itself failed: the row stays claimed and is taken again once stale.
          this.options.logger?.warn({ outboxId: id, code: errorCode(error) }, 'job could not run');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, ids.length) }, lane));
  }
}
