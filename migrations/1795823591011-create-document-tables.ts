import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreateDocumentTables1795823591011 implements MigrationInterface {
  name = 'CreateDocumentTables1795823591011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "file_name" bytea NOT NULL, "media_type" character varying(96) NOT NULL, "size_bytes" integer NOT NULL, "storage_key" character varying(36) NOT NULL, "issued_on" date, "expires_on" date, "uploaded_by" uuid, "deleted_at" TIMESTAMP WITH TIME ZONE, "deleted_by" uuid, CONSTRAINT "PK_e57d3357f83f3cdc0acffc3d777" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_document_expiry" ON "document"  ("association_id", "expires_on") ');
    await q.query('CREATE INDEX "ix_document_person" ON "document"  ("association_id", "person_id", "deleted_at") ');
    await q.query(
      'CREATE TABLE "outreach_session" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "site_id" uuid NOT NULL, "held_on" date NOT NULL, "place_kind" character varying(24) NOT NULL, "channel" character varying(24), "duration_minutes" smallint, "team_member_ids" uuid array NOT NULL DEFAULT \'{}\', "people_met" smallint NOT NULL, "new_contacts" smallint NOT NULL, "tallies" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_583a240723b7d5bc8f0ced33241" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE INDEX "ix_outreach_session_site" ON "outreach_session"  ("association_id", "site_id", "held_on") ',
    );
    await q.query('CREATE INDEX "ix_outreach_session_held" ON "outreach_session"  ("association_id", "held_on") ');
    await q.query(
      'CREATE TABLE "partner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "name" character varying(200) NOT NULL, "contact_name" character varying(200), "phone" character varying(40), "email" character varying(254), "address" character varying(500), "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_8f34ff11ddd5459eacbfacd48ca" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_partner_kind" ON "partner"  ("association_id", "kind", "name") ');
    await q.query(
      'CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "reason" bytea NOT NULL, "referred_on" date NOT NULL, "outcome" character varying(16) NOT NULL, "follow_up_on" date, "shared_categories" character varying(16) array NOT NULL DEFAULT \'{}\', "pseudonymous" boolean NOT NULL DEFAULT false, "created_by" uuid, CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_referral_follow_up" ON "referral"  ("association_id", "follow_up_on") ');
    await q.query('CREATE INDEX "ix_referral_person" ON "referral"  ("association_id", "person_id", "referred_on") ');
    await q.query('ALTER TABLE "consent" ADD "partner_id" uuid');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "consent" DROP COLUMN "partner_id"');
    await q.query('DROP INDEX "public"."ix_referral_person"');
    await q.query('DROP INDEX "public"."ix_referral_follow_up"');
    await q.query('DROP TABLE "referral"');
    await q.query('DROP INDEX "public"."ix_partner_kind"');
    await q.query('DROP TABLE "partner"');
    await q.query('DROP INDEX "public"."ix_outreach_session_held"');
    await q.query('DROP INDEX "public"."ix_outreach_session_site"');
    await q.query('DROP TABLE "outreach_session"');
    await q.query('DROP INDEX "public"."ix_document_person"');
    await q.query('DROP INDEX "public"."ix_document_expiry"');
    await q.query('DROP TABLE "document"');
  }
}
