import type { QueryRunner } from 'typeorm';

/**
 * Row-level security for association data (DESIGN.md decision 1): ENABLE + FORCE (the owner too),
 * one policy reading the per-transaction setting with `nullif`, so a missing setting yields no
 * rows and never an error. Used by the hand-written RLS migrations.
 */
export const TENANT = `nullif(current_setting('app.association_id', true), '')::uuid`;

export async function enableTenantRls(q: QueryRunner, table: string, column = 'association_id'): Promise<void> {
  await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await q.query(
    `CREATE POLICY "tenant_isolation" ON "${table}" USING ("${column}" = ${TENANT}) WITH CHECK ("${column}" = ${TENANT})`,
  );
}

export async function disableTenantRls(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP POLICY IF EXISTS "tenant_isolation" ON "${table}"`);
  await q.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
}
