import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

const TABLES = [
  'pathway',
  'pathway_event',
  'pathway_period',
  'pathway_snapshot',
  'pathway_goal',
  'person_right',
  'commission_session',
];

/**
 * Hand-written: row-level security on the pathway tables; the event log and the periods it opened
 * are append-only for the runtime role (a correction is a new step, never an edit of a dated one).
 */
export class RlsPathwayTables1795823885000 implements MigrationInterface {
  name = 'RlsPathwayTables1795823885000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await enableTenantRls(q, table);
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON pathway_event, pathway_period FROM envol_app');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('GRANT UPDATE, DELETE ON pathway_event, pathway_period TO envol_app');
    for (const table of [...TABLES].reverse()) await disableTenantRls(q, table);
  }
}
