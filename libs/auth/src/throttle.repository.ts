import type { EntityManager } from 'typeorm';
import { AuthThrottle } from './auth-throttle.entity';
import { EMPTY_THROTTLE, type ThrottleState } from './throttle.rules';

/** Reads and writes throttle rows; the row is locked for the transaction so parallel failures all count. */
export class ThrottleRepository {
  constructor(private readonly manager: EntityManager) {}

  async read(key: string): Promise<ThrottleState> {
    const row = await this.manager.getRepository(AuthThrottle).findOne({ where: { key } });
    return row
      ? { failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil }
      : EMPTY_THROTTLE;
  }

  async update(key: string, change: (state: ThrottleState) => ThrottleState): Promise<ThrottleState> {
    const repo = this.manager.getRepository(AuthThrottle);
    await repo.createQueryBuilder().insert().values({ key, failures: 0 }).orIgnore().execute();
    const row = await repo.findOneOrFail({ where: { key }, lock: { mode: 'pessimistic_write' } });
    const next = change({ failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil });
    await repo.update({ key }, next);
    return next;
  }

  async clear(key: string): Promise<void> {
    await this.manager.getRepository(AuthThrottle).delete({ key });
  }
}
