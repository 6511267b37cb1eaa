import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT } from './rls';

/**
 * Hand-written (DESIGN.md decision 4):
 * - audit_entry is read under row-level security (the tenant's entries only; entries without an
 *   association are visible to envol_system alone) and may be inserted with the tenant's
 *   association or none;
 * - entries and seals are append-only: no UPDATE, DELETE or TRUNCATE for the runtime roles
 *   (grants), and a trigger refusing them for everyone else, the owner included;
 * - tx_id is always the writing transaction's id (trigger), whatever the insert says;
 * - every auth_event becomes an audit entry in the same transaction (auth imports no audit code).
 */
export class AuditAppendOnly1795816087000 implements MigrationInterface {
  name = 'AuditAppendOnly1795816087000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY');
    await q.query('ALTER TABLE audit_entry FORCE ROW LEVEL SECURITY');
    await q.query(`CREATE POLICY tenant_isolation ON audit_entry FOR SELECT USING (association_id = ${TENANT})`);
    await q.query(
      `CREATE POLICY audit_insert ON audit_entry FOR INSERT WITH CHECK (association_id IS NULL OR association_id = ${TENANT})`,
    );

    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_seal FROM envol_app, envol_system');
    await q.query('REVOKE INSERT ON audit_seal FROM envol_app');
    await q.query('GRANT INSERT ON audit_seal TO envol_system');
    await q.query('GRANT USAGE ON SEQUENCE audit_seal_id_seq TO envol_system');

    await q.query(`CREATE FUNCTION envol_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_entry', 'audit_seal']) {
      await q.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION envol_audit_refuse_change()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION envol_audit_refuse_change()`,
      );
    }

    await q.query(`CREATE FUNCTION envol_audit_tx_id() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.tx_id := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`);
    await q.query(
      'CREATE TRIGGER audit_entry_tx_id BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION envol_audit_tx_id()',
    );

    // An authentication event is written with the association of the account (or none); the
    // trigger sets that tenant for its own insert only, then puts the caller's back.
    await q.query(`CREATE FUNCTION envol_audit_from_auth_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE previous text := current_setting('app.association_id', true);
      BEGIN
        PERFORM set_config('app.association_id', coalesce(NEW.association_id::text, ''), true);
        INSERT INTO audit_entry (occurred_at, association_id, actor_id, action, object_type, object_id, outcome, detail, client_hash, request_id)
        VALUES (NEW.occurred_at, NEW.association_id, NEW.user_id, NEW.type, 'account', NEW.user_id::text,
                CASE WHEN NEW.type LIKE '%failed' OR NEW.type LIKE '%throttled' OR NEW.type LIKE '%refused' THEN 'denied' ELSE 'success' END,
                NEW.subject_hash, NEW.client_hash, NEW.request_id);
        PERFORM set_config('app.association_id', coalesce(previous, ''), true);
        RETURN NEW;
      END $$`);
    await q.query(
      'CREATE TRIGGER auth_event_to_audit AFTER INSERT ON auth_event FOR EACH ROW EXECUTE FUNCTION envol_audit_from_auth_event()',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS auth_event_to_audit ON auth_event');
    await q.query('DROP FUNCTION IF EXISTS envol_audit_from_auth_event()');
    await q.query('DROP TRIGGER IF EXISTS audit_entry_tx_id ON audit_entry');
    await q.query('DROP FUNCTION IF EXISTS envol_audit_tx_id()');
    for (const table of ['audit_entry', 'audit_seal']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_update_delete ON ${table}`);
      await q.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
    }
    await q.query('DROP FUNCTION IF EXISTS envol_audit_refuse_change()');
    await q.query('DROP POLICY IF EXISTS audit_insert ON audit_entry');
    await q.query('DROP POLICY IF EXISTS tenant_isolation ON audit_entry');
    await q.query('ALTER TABLE audit_entry NO FORCE ROW LEVEL SECURITY');
    await q.query('ALTER TABLE audit_entry DISABLE ROW LEVEL SECURITY');
  }
}
