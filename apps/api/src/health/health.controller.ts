import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { AuditSealer } from '@app/audit';
import { Clock, DatabaseProbe, Keys, OutboxMonitor, RedisProbe, SystemDatabase } from '@app/platform';
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
    private readonly clock: Clock,
    system: SystemDatabase,
    keys: Keys,
  ) {
    this.outbox = new OutboxMonitor(dataSource, clock);
    this.sealer = system.dataSource ? new AuditSealer(system.dataSource, keys.auditHmacKey) : undefined;
  }

  private readonly sealer?: AuditSealer;

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
    const sealer = this.sealer;
    if (sealer) {
      // Sealing lag: entries not sealed yet and how old the oldest is (a stalled sealer shows here).
      checks.push(async () => {
        const session = this.indicators.check('audit');
        try {
          const lag = await sealer.lag(this.clock.now());
          return session.up({ unsealedEntries: lag.unsealed, oldestUnsealedSeconds: lag.oldestSeconds });
        } catch {
          return session.degraded({ message: 'audit trail not readable' });
        }
      });
    }
    if (this.redis.configured) {
      checks.push(async () => {
        const session = this.indicators.check('redis');
        return (await this.redis.isUp()) ? session.up() : session.degraded({ message: 'not answering' });
      });
    }
    return this.health.check(checks);
  }
}
