import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Hand-written: row-level security on the reminder digests; the arm pass (`armReminderDigests`,
 * SCHEDULES.md `reminders.arm`) runs as envol_system across associations: it may insert a digest
 * row (it already inserts the outbox row of its job), never change or delete one.
 */
export class RlsReminderDigest1795840076200 implements MigrationInterface {
  name = 'RlsReminderDigest1795840076200';

  async up(q: QueryRunner): Promise<void> {
    await enableTenantRls(q, 'reminder_digest');
    await q.query('GRANT INSERT ON TABLE reminder_digest TO envol_system');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('REVOKE INSERT ON TABLE reminder_digest FROM envol_system');
    await disableTenantRls(q, 'reminder_digest');
  }
}
