import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AuditSealer } from '@app/audit';
import { AppConfig, Clock, Keys, LOGGER, SystemDatabase, type Logger } from '@app/platform';

/**
 * The sealer as a plain interval loop, in the API process when jobs run in-process (no REDIS_URL,
 * the embedded mode); with Redis the worker runs it. Interval: AUDIT_SEAL_INTERVAL_MS.
 */
@Injectable()
export class AuditSealerLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly system: SystemDatabase,
    private readonly keys: Keys,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.REDIS_URL || !this.system.dataSource || this.config.AUDIT_SEAL_INTERVAL_MS === 0) return;
    const sealer = new AuditSealer(this.system.dataSource, this.keys.auditHmacKey);
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = sealer
        .sealOnce(this.clock.now())
        .catch((error: unknown) => this.logger.error({ err: error }, 'audit sealing failed'))
        .finally(() => (this.running = undefined));
    }, this.config.AUDIT_SEAL_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
