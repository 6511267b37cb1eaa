import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

const TABLES = ['site', 'team', 'user_role', 'user_site', 'team_member', 'break_glass_grant'];

/** Hand-written: row-level security on the access tables; an association row is its own tenant. */
export class RlsAccessTables1795815004000 implements MigrationInterface {
  name = 'RlsAccessTables1795815004000';

  async up(q: QueryRunner): Promise<void> {
    await enableTenantRls(q, 'association', 'id');
    // The operator's CLI (run as the owner) finds associations by name before it sets the tenant.
    // The owner owns the schema anyway; the runtime roles get no such policy.
    await q.query(`CREATE POLICY "owner_provisioning" ON "association" FOR SELECT TO envol_owner USING (true)`);
    for (const table of TABLES) await enableTenantRls(q, table);
    // Associations are provisioned by the operator (owner), never by the running app.
    await q.query('REVOKE INSERT, DELETE, TRUNCATE ON "association" FROM envol_app');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('GRANT INSERT, DELETE ON "association" TO envol_app');
    for (const table of [...TABLES].reverse()) await disableTenantRls(q, table);
    await q.query(`DROP POLICY IF EXISTS "owner_provisioning" ON "association"`);
    await disableTenantRls(q, 'association');
  }
}
