import type { DataSource } from 'typeorm';
import { Clock, SystemClock } from '../time/clock';

export interface OutboxStats {
  /** Rows still to run: pending + queued (future-dated ones included). */
  depth: number;
  /** How long the oldest due row not yet done has waited, in seconds (0 when none). */
  oldestPendingSeconds: number;
  /** Rows parked as failed, waiting for an admin's retry. */
  failed: number;
}

/**
 * Numbers for `/api/health` and `/metrics`, across associations: counts and an age, nothing about
 * any row. The outbox is exempt from row-level security, so the runtime role can count it.
 */
export class OutboxMonitor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = new SystemClock(),
  ) {}

  /** Fails after `timeoutMs` rather than wait for a pool connection: health checks must answer fast. */
  async stats(timeoutMs = 1_000): Promise<OutboxStats> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    try {
      return await Promise.race([this.read(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(): Promise<OutboxStats> {
    const now = this.clock.now();
    const rows = await this.dataSource.query<{ depth: number; oldest: Date | null; failed: number }[]>(
      `SELECT
         (SELECT count(*) FROM outbox_job WHERE state IN ('pending', 'queued'))::int AS depth,
         (SELECT min(run_at) FROM outbox_job WHERE state IN ('pending', 'queued') AND run_at <= $1) AS oldest,
         (SELECT count(*) FROM outbox_job WHERE state = 'failed')::int AS failed`,
      [now],
    );
    const row = rows[0] ?? { depth: 0, oldest: null, failed: 0 };
    const age = row.oldest ? Math.max(0, (now.getTime() - row.oldest.getTime()) / 1000) : 0;
    return { depth: row.depth, oldestPendingSeconds: Math.round(age * 1000) / 1000, failed: row.failed };
  }
}
