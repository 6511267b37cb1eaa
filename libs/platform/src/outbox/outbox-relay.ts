import type { DataSource, EntityManager } from 'typeorm';
import { Clock, SystemClock } from '../time/clock';

export interface PublishedJob {
  outboxId: string;
  jobName: string;
}

/** Where the relay hands jobs over (BullMQ in production). Publishing a job id twice must be a no-op. */
export interface JobPublisher {
  publish(jobs: readonly PublishedJob[]): Promise<void>;
}

export interface RelayOptions {
  /** Rows per transaction. */
  batchSize?: number;
  /** Batches per run, so one run stays short and the next schedule tick continues. */
  maxBatches?: number;
}

const DEFAULT_BATCH = 500;
const DEFAULT_MAX_BATCHES = 20;

/**
 * The relay and the sweep (DESIGN.md decision 5). They run as `envol_system` through a small pool
 * of their own: they read ids and due times across associations, never run a handler. Rows are
 * locked with `FOR UPDATE SKIP LOCKED` while their jobs are published, so two relays (replicas, a
 * slow tick overlapping the next) never take the same row, and a handler for a row just published
 * waits until the row says `queued`.
 */
export class OutboxRelay {
  constructor(
    private readonly systemDataSource: DataSource,
    private readonly publisher: JobPublisher,
    private readonly options: RelayOptions = {},
    private readonly clock: Clock = new SystemClock(),
  ) {}

  /** Publishes due pending rows and marks them queued. Returns how many. */
  relay(): Promise<number> {
    return this.inBatches(async (manager, now, limit) => {
      const rows = await manager.query<{ id: string; job_name: string }[]>(
        `SELECT id, job_name FROM outbox_job
          WHERE state = 'pending' AND run_at <= $1
          ORDER BY run_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (rows.length === 0) return 0;
      await this.publisher.publish(rows.map((r) => ({ outboxId: r.id, jobName: r.job_name })));
      await manager.query(
        `UPDATE outbox_job SET state = 'queued', updated_at = $2 WHERE id = ANY($1::uuid[]) AND state = 'pending'`,
        [rows.map((r) => r.id), now],
      );
      return rows.length;
    });
  }

  /**
   * Publishes again the due rows queued longer than `staleMs` ago: Redis may have lost their job
   * (restarted without its data, evicted, a worker gave up on it). A job Redis still holds keeps
   * its id, so publishing it again is a no-op; a job already done is skipped by its handler.
   */
  sweep(staleMs: number): Promise<number> {
    return this.inBatches(async (manager, now, limit) => {
      const rows = await manager.query<{ id: string; job_name: string }[]>(
        `SELECT id, job_name FROM outbox_job
          WHERE state = 'queued' AND run_at <= $1 AND updated_at < $2
          ORDER BY updated_at
          LIMIT $3
          FOR UPDATE SKIP LOCKED`,
        [now, new Date(now.getTime() - staleMs), limit],
      );
      if (rows.length === 0) return 0;
      await this.publisher.publish(rows.map((r) => ({ outboxId: r.id, jobName: r.job_name })));
      await manager.query(`UPDATE outbox_job SET updated_at = $2 WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
        now,
      ]);
      return rows.length;
    });
  }

  private async inBatches(
    batch: (manager: EntityManager, now: Date, limit: number) => Promise<number>,
  ): Promise<number> {
    const limit = this.options.batchSize ?? DEFAULT_BATCH;
    const maxBatches = this.options.maxBatches ?? DEFAULT_MAX_BATCHES;
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const count = await this.systemDataSource.transaction((manager) => batch(manager, this.clock.now(), limit));
      total += count;
      if (count < limit) break;
    }
    return total;
  }
}
