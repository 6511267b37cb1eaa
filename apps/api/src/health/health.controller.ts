import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Clock, DatabaseProbe, OutboxMonitor, RedisProbe } from '@app/platform';
import { DataSource } from 'typeorm';
import { NoTransaction, Public } from '../http/public.decorator';

@ApiTags('operations')
@Controller('health')
@Public()
@NoTransaction()
export class HealthController {
  private readonly outbox: OutboxMonitor;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseProbe,
    private readonly redis: RedisProbe,
    dataSource: DataSource,
    clock: Clock,
  ) {
    this.outbox = new OutboxMonitor(dataSource, clock);
  }

  /**
   * 200 while PostgreSQL answers. Redis, when configured, is reported as degraded rather than
   * down when it does not answer: no request depends on it, jobs wait in the outbox. `jobs` gives
   * the outbox's numbers (counts and an age, across associations); it is up whenever they can be
   * read: a backlog is for alerting on the metrics, not a reason to take the API out of rotation.
   */
  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'Service status: database, jobs (outbox depth, oldest due age, failed), Redis' })
  check() {
    const checks: (() => Promise<HealthIndicatorResult>)[] = [
      async () => {
        const session = this.indicators.check('database');
        return (await this.database.isUp()) ? session.up() : session.down();
      },
      async () => {
        const session = this.indicators.check('jobs');
        try {
          return session.up({ ...(await this.outbox.stats()) });
        } catch {
          return session.degraded({ message: 'outbox not readable' });
        }
      },
    ];
    if (this.redis.configured) {
      checks.push(async () => {
        const session = this.indicators.check('redis');
        return (await this.redis.isUp()) ? session.up() : session.degraded({ message: 'not answering' });
      });
    }
    return this.health.check(checks);
  }
}
