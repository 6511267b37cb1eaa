import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

const TABLES = ['person', 'person_search_token', 'consent', 'file_number_counter'];

/**
 * Hand-written: row-level security on the person tables; the consent ledger is append-only for
 * the runtime role (a withdrawal is a new row, never an edit of the old one).
 */
export class RlsPeopleTables1795818035000 implements MigrationInterface {
  name = 'RlsPeopleTables1795818035000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await enableTenantRls(q, table);
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON consent FROM envol_app');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('GRANT UPDATE, DELETE ON consent TO envol_app');
    for (const table of [...TABLES].reverse()) await disableTenantRls(q, table);
  }
}
