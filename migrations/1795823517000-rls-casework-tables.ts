import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

const TABLES = ['journal_event', 'journal_event_version', 'appointment'];

/**
 * Hand-written: row-level security on the journal and appointments. Deleting a note is a soft
 * delete the DPO can see, and a note's versions are its history: the runtime role may not delete
 * notes nor change or delete versions.
 */
export class RlsCaseworkTables1795823517000 implements MigrationInterface {
  name = 'RlsCaseworkTables1795823517000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await enableTenantRls(q, table);
    await q.query('REVOKE DELETE, TRUNCATE ON journal_event FROM envol_app');
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON journal_event_version FROM envol_app');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('GRANT UPDATE, DELETE ON journal_event_version TO envol_app');
    await q.query('GRANT DELETE ON journal_event TO envol_app');
    for (const table of [...TABLES].reverse()) await disableTenantRls(q, table);
  }
}
