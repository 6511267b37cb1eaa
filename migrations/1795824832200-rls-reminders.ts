import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

const TABLES = ['reminder', 'notification'];

/**
 * Hand-written: row-level security on reminders and notifications; the delivery schedule
 * (`armDueReminders`, SCHEDULES.md) runs as envol_system across associations: it may set
 * `queued_at` on a reminder (and lock it) and insert the outbox row of its delivery job, nothing else.
 */
export class RlsReminders1795824832200 implements MigrationInterface {
  name = 'RlsReminders1795824832200';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await enableTenantRls(q, table);
    await q.query('GRANT UPDATE (queued_at) ON TABLE reminder TO envol_system');
    await q.query('GRANT INSERT ON TABLE outbox_job TO envol_system');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('REVOKE INSERT ON TABLE outbox_job FROM envol_system');
    await q.query('REVOKE UPDATE (queued_at) ON TABLE reminder FROM envol_system');
    for (const table of [...TABLES].reverse()) await disableTenantRls(q, table);
  }
}
