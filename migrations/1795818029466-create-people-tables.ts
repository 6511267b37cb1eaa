import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreatePeopleTables1795818029466 implements MigrationInterface {
  name = 'CreatePeopleTables1795818029466';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "file_number" character varying(24) NOT NULL, "site_id" uuid NOT NULL, "team_id" uuid, "referent_id" uuid, "status" character varying(16) NOT NULL, "identity" bytea NOT NULL, "safe_contact" bytea NOT NULL, "never_call" boolean NOT NULL DEFAULT false, "birth_year" smallint, "is_minor" boolean NOT NULL DEFAULT false, "gender" character varying(16) NOT NULL, "nationality_group" character varying(24) NOT NULL, "languages" character varying(12) array NOT NULL DEFAULT \'{}\', "departement" character varying(3), "last_contact_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_person_site" ON "person"  ("association_id", "site_id") ');
    await q.query('CREATE INDEX "ix_person_referent" ON "person"  ("association_id", "referent_id") ');
    await q.query('CREATE INDEX "ix_person_caseload" ON "person"  ("association_id", "team_id", "status") ');
    await q.query('CREATE UNIQUE INDEX "uq_person_file_number" ON "person"  ("association_id", "file_number") ');
    await q.query(
      'CREATE TABLE "person_search_token" ("person_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "token" character varying(64) NOT NULL, "association_id" uuid NOT NULL, CONSTRAINT "PK_0a24921a9a465fe12a4700fa413" PRIMARY KEY ("person_id", "kind", "token"))',
    );
    await q.query(
      'CREATE INDEX "ix_person_search_token_lookup" ON "person_search_token"  ("association_id", "kind", "token") ',
    );
    await q.query(
      'CREATE TABLE "consent" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "purpose" character varying(32) NOT NULL, "given" boolean NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" uuid, CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE INDEX "ix_consent_person" ON "consent"  ("association_id", "person_id", "purpose", "recorded_at") ',
    );
    await q.query(
      'CREATE TABLE "file_number_counter" ("association_id" uuid NOT NULL, "site_id" uuid NOT NULL, "year" smallint NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_778abb5ce2b30c05af3eda80262" PRIMARY KEY ("association_id", "site_id", "year"))',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "file_number_counter"');
    await q.query('DROP INDEX "public"."ix_consent_person"');
    await q.query('DROP TABLE "consent"');
    await q.query('DROP INDEX "public"."ix_person_search_token_lookup"');
    await q.query('DROP TABLE "person_search_token"');
    await q.query('DROP INDEX "public"."uq_person_file_number"');
    await q.query('DROP INDEX "public"."ix_person_caseload"');
    await q.query('DROP INDEX "public"."ix_person_referent"');
    await q.query('DROP INDEX "public"."ix_person_site"');
    await q.query('DROP TABLE "person"');
  }
}
