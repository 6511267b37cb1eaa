import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DatabaseProbe, RedisProbe } from '@app/platform';
import { NoTransaction, Public } from '../http/public.decorator';

@ApiTags('operations')
@Controller('health')
@Public()
@NoTransaction()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseProbe,
    private readonly redis: RedisProbe,
  ) {}

  /**
   * 200 while PostgreSQL answers. Redis, when configured, is reported as degraded rather than
   * down when it does not answer: no request depends on it, jobs wait in the outbox.
   */
  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'Service status: database, and Redis when configured' })
  check() {
    const checks: (() => Promise<HealthIndicatorResult>)[] = [
      async () => {
        const session = this.indicators.check('database');
        return (await this.database.isUp()) ? session.up() : session.down();
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
