import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: what TypeORM cannot express. Tables are created by envol_owner; the runtime role
 * (envol_app) gets data rights on every future table and sequence, never ownership; envol_system
 * (BYPASSRLS) reads across associations for the relay, sweep, reminder selection and sealer.
 * Append-only tables revoke UPDATE/DELETE/TRUNCATE explicitly in their own migrations.
 */
export class GrantRuntimeRoles1795813180000 implements MigrationInterface {
  name = 'GrantRuntimeRoles1795813180000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await q.query('GRANT USAGE ON SCHEMA public TO envol_app, envol_system');
    await q.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO envol_app',
    );
    await q.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO envol_app');
    await q.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO envol_system');
    await q.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO envol_system');
    // The migrations ledger is the owner's business alone.
    await q.query('REVOKE ALL ON TABLE migrations FROM envol_app, envol_system');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM envol_app, envol_system');
    await q.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM envol_app, envol_system');
    await q.query('REVOKE USAGE ON SCHEMA public FROM envol_app, envol_system');
  }
}
