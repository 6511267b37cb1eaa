import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreateAuditTables1795816067857 implements MigrationInterface {
  name = 'CreateAuditTables1795816067857';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "audit_entry" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "association_id" uuid, "site_id" uuid, "actor_id" uuid, "actor_roles" character varying(32) array NOT NULL DEFAULT \'{}\', "action" character varying(64) NOT NULL, "object_type" character varying(32), "object_id" character varying(64), "object_ids" uuid array, "outcome" character varying(16) NOT NULL, "detail" character varying(64), "reason" bytea, "client_hash" character varying(64), "request_id" character varying(64), "tx_id" bigint NOT NULL, CONSTRAINT "pk_audit_entry" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_audit_entry_tx" ON "audit_entry"  ("tx_id") ');
    await q.query('CREATE INDEX "ix_audit_entry_actor" ON "audit_entry"  ("actor_id", "occurred_at") ');
    await q.query('CREATE INDEX "ix_audit_entry_object" ON "audit_entry"  ("object_id") ');
    await q.query(
      'CREATE INDEX "ix_audit_entry_association_time" ON "audit_entry"  ("association_id", "occurred_at") ',
    );
    await q.query(
      'CREATE TABLE "audit_seal" ("id" BIGSERIAL NOT NULL, "previous_id" bigint, "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "tx_from" bigint NOT NULL, "tx_to" bigint NOT NULL, "entry_count" integer NOT NULL, "entry_ids" bigint array NOT NULL, "entry_digests" bytea array NOT NULL, "previous_mac" bytea, "mac" bytea NOT NULL, CONSTRAINT "pk_audit_seal" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_audit_seal_previous" ON "audit_seal"  ("previous_id") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "public"."uq_audit_seal_previous"');
    await q.query('DROP TABLE "audit_seal"');
    await q.query('DROP INDEX "public"."ix_audit_entry_association_time"');
    await q.query('DROP INDEX "public"."ix_audit_entry_object"');
    await q.query('DROP INDEX "public"."ix_audit_entry_actor"');
    await q.query('DROP INDEX "public"."ix_audit_entry_tx"');
    await q.query('DROP TABLE "audit_entry"');
  }
}
