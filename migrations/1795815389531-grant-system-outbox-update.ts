import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the outbox relay and sweep run as envol_system (BYPASSRLS, SELECT only by default)
 * and mark rows queued, locking them with FOR UPDATE, which needs UPDATE too. The outbox is exempt
 * from row-level security (DESIGN.md decision 1), so nothing else is needed; envol_app already has
 * SELECT/INSERT/UPDATE through the default privileges of GrantRuntimeRoles.
 */
export class GrantSystemOutboxUpdate1795815389531 implements MigrationInterface {
  name = 'GrantSystemOutboxUpdate1795815389531';

  async up(q: QueryRunner): Promise<void> {
    await q.query('GRANT UPDATE ON TABLE outbox_job TO envol_system');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('REVOKE UPDATE ON TABLE outbox_job FROM envol_system');
  }
}
