import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { armDueReminders, armReminderDigests } from '@app/reminders';
import { AppConfig, Clock, inTransaction, LOGGER, SystemDatabase, type Logger } from '@app/platform';

/**
 * Arms due reminders (SCHEDULES.md `reminders.arm`) from a timer in the API process when jobs run
 * in-process (no REDIS_URL, the embedded mode); with Redis the worker's schedule does it. The
 * in-process runner then delivers the jobs. Interval: REMINDER_ARM_INTERVAL_MS. With SMTP_URL, the
 * same pass enqueues the daily digests (from REMINDER_DIGEST_HOUR, Paris).
 */
@Injectable()
export class RemindersArmLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly system: SystemDatabase,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** One pass; also what tests call instead of waiting for the timer. */
  armOnce(): Promise<number> {
    const dataSource = this.system.dataSource;
    if (!dataSource) return Promise.resolve(0);
    const now = this.clock.now();
    return inTransaction(dataSource, { requestId: 'reminders-arm', now }, async (ctx) => {
      const armed = await armDueReminders(ctx.manager, now);
      // The daily digests ride on the same pass, only when mail can be sent (SMTP_URL).
      if (this.config.SMTP_URL) await armReminderDigests(ctx.manager, now, this.config.REMINDER_DIGEST_HOUR);
      return armed;
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.REDIS_URL || !this.system.dataSource || this.config.REMINDER_ARM_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.armOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'arming reminders failed'))
        .finally(() => (this.running = undefined));
    }, this.config.REMINDER_ARM_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
