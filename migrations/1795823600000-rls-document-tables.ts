import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

const TABLES = ['document', 'partner', 'referral', 'outreach_session'];

/**
 * Hand-written: row-level security on the document, partner, referral and outreach tables. Documents and referrals are never
 * deleted by the runtime role (deleting a document is soft, kept for the DPO); outreach sessions
 * are append-only (counts, no edits offered).
 */
export class RlsDocumentTables1795823600000 implements MigrationInterface {
  name = 'RlsDocumentTables1795823600000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await enableTenantRls(q, table);
    await q.query('REVOKE DELETE, TRUNCATE ON document, referral, partner FROM envol_app');
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON outreach_session FROM envol_app');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('GRANT UPDATE, DELETE ON outreach_session TO envol_app');
    await q.query('GRANT DELETE ON document, referral, partner TO envol_app');
    for (const table of [...TABLES].reverse()) await disableTenantRls(q, table);
  }
}
