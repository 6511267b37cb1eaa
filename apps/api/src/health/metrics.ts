import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock, OutboxMonitor } from '@app/platform';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { NoTransaction, Public } from '../http/public.decorator';

/** One registry per app instance (tests build several apps in one process). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'envol_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern (never the concrete path, which may hold ids)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  // The outbox, across associations (counts and an age only), read at each scrape.
  readonly outboxDepth = new Gauge({
    name: 'envol_outbox_depth',
    help: 'Outbox rows still to run (pending + queued)',
    registers: [this.registry],
  });
  readonly outboxOldestPending = new Gauge({
    name: 'envol_outbox_oldest_pending_seconds',
    help: 'How long the oldest due outbox row not yet done has waited',
    registers: [this.registry],
  });
  readonly outboxFailed = new Gauge({
    name: 'envol_outbox_failed',
    help: 'Outbox rows parked as failed, waiting for an admin retry',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

@ApiExcludeController()
@Controller()
@Public()
@NoTransaction()
export class MetricsController {
  private readonly outbox: OutboxMonitor;

  constructor(
    private readonly metrics: Metrics,
    dataSource: DataSource,
    clock: Clock,
  ) {
    this.outbox = new OutboxMonitor(dataSource, clock);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    try {
      const stats = await this.outbox.stats();
      this.metrics.outboxDepth.set(stats.depth);
      this.metrics.outboxOldestPending.set(stats.oldestPendingSeconds);
      this.metrics.outboxFailed.set(stats.failed);
    } catch {
      // Database unreachable: the gauges keep their last values; the health check says why.
    }
    return this.metrics.registry.metrics();
  }
}
