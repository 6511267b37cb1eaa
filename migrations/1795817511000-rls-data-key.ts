import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Hand-written: row-level security on the data keys (DESIGN.md decisions 1 and 3), and what each
 * role may do with them.
 * - The runtime role creates an association's first key lazily (INSERT) and reads keys; it never
 *   changes or deletes one: deleting a data key destroys every value encrypted under it.
 * - Rotation runs as the owner (operator CLI), tenant set per association. Re-wrapping under a new
 *   key-encryption key must find every key of every association, and "how many keys are still on
 *   the old key-encryption key" must be exact, so the owner may read all rows (ciphertext only:
 *   the key-encryption keys are not in the database). Its writes still go through the tenant policy.
 * - envol_system keeps the default SELECT (wrapped keys only) and gets no write.
 */
export class RlsDataKey1795817511000 implements MigrationInterface {
  name = 'RlsDataKey1795817511000';

  async up(q: QueryRunner): Promise<void> {
    await enableTenantRls(q, 'data_key');
    await q.query(`CREATE POLICY "owner_key_maintenance" ON "data_key" FOR SELECT TO envol_owner USING (true)`);
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON "data_key" FROM envol_app');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('GRANT UPDATE, DELETE ON "data_key" TO envol_app');
    await q.query(`DROP POLICY IF EXISTS "owner_key_maintenance" ON "data_key"`);
    await disableTenantRls(q, 'data_key');
  }
}
