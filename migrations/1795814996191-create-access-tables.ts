import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreateAccessTables1795814996191 implements MigrationInterface {
  name = 'CreateAccessTables1795814996191';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "break_glass_grant" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "user_id" uuid NOT NULL, "person_id" uuid NOT NULL, "reason" bytea NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE, "reviewed_by" uuid, CONSTRAINT "PK_cf1c0db121085bb49f92ef295dc" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE INDEX "ix_break_glass_grant_review" ON "break_glass_grant"  ("association_id", "reviewed_at") ',
    );
    await q.query(
      'CREATE INDEX "ix_break_glass_grant_lookup" ON "break_glass_grant"  ("user_id", "person_id", "expires_at") ',
    );
    await q.query(
      'CREATE TABLE "association" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "name" character varying(160) NOT NULL, "approval_departements" character varying(3) array NOT NULL DEFAULT \'{}\', "approval_granted_on" date, "approval_expires_on" date, "mfa_required_roles" character varying(32) array NOT NULL, "break_glass_hours" integer NOT NULL DEFAULT \'24\', "no_contact_days" integer NOT NULL DEFAULT \'30\', CONSTRAINT "PK_5c770cfef7a1f66da23be411699" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_association_name" ON "association"  ("name") ');
    await q.query(
      'CREATE TABLE "funder_organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(160) NOT NULL, CONSTRAINT "PK_85933bcfd639c7870bf65abcad1" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_funder_organisation_name" ON "funder_organisation"  ("name") ');
    await q.query(
      'CREATE TABLE "funder_member" ("user_id" uuid NOT NULL, "funder_id" uuid NOT NULL, CONSTRAINT "PK_856080770b3bd83fab0a73365e5" PRIMARY KEY ("user_id"))',
    );
    await q.query('CREATE INDEX "ix_funder_member_funder" ON "funder_member"  ("funder_id") ');
    await q.query(
      'CREATE TABLE "statistics_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "funder_id" uuid NOT NULL, "association_id" uuid NOT NULL, "signed_on" date NOT NULL, CONSTRAINT "PK_4313107d8b93add414b08a08471" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE UNIQUE INDEX "uq_statistics_agreement" ON "statistics_agreement"  ("funder_id", "association_id") ',
    );
    await q.query(
      'CREATE TABLE "site" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "code" character varying(8) NOT NULL, "departement" character varying(3) NOT NULL, CONSTRAINT "PK_635c0eeabda8862d5b0237b42b4" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_site_code" ON "site"  ("association_id", "code") ');
    await q.query(
      'CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "site_id" uuid NOT NULL, "name" character varying(120) NOT NULL, CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_team_name" ON "team"  ("association_id", "site_id", "name") ');
    await q.query(
      'CREATE TABLE "user_role" ("user_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "association_id" uuid NOT NULL, CONSTRAINT "PK_9b74a030fe54fdef40e7a2194bc" PRIMARY KEY ("user_id", "role"))',
    );
    await q.query('CREATE INDEX "ix_user_role_association" ON "user_role"  ("association_id") ');
    await q.query(
      'CREATE TABLE "user_site" ("user_id" uuid NOT NULL, "site_id" uuid NOT NULL, "association_id" uuid NOT NULL, CONSTRAINT "PK_72b20c37f609d0b79fc0361a3e4" PRIMARY KEY ("user_id", "site_id"))',
    );
    await q.query('CREATE INDEX "ix_user_site_association" ON "user_site"  ("association_id") ');
    await q.query(
      'CREATE TABLE "team_member" ("user_id" uuid NOT NULL, "team_id" uuid NOT NULL, "association_id" uuid NOT NULL, CONSTRAINT "PK_0724b86622f89c433dee4cd8b17" PRIMARY KEY ("user_id"))',
    );
    await q.query('CREATE INDEX "ix_team_member_team" ON "team_member"  ("team_id") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "public"."ix_team_member_team"');
    await q.query('DROP TABLE "team_member"');
    await q.query('DROP INDEX "public"."ix_user_site_association"');
    await q.query('DROP TABLE "user_site"');
    await q.query('DROP INDEX "public"."ix_user_role_association"');
    await q.query('DROP TABLE "user_role"');
    await q.query('DROP INDEX "public"."uq_team_name"');
    await q.query('DROP TABLE "team"');
    await q.query('DROP INDEX "public"."uq_site_code"');
    await q.query('DROP TABLE "site"');
    await q.query('DROP INDEX "public"."uq_statistics_agreement"');
    await q.query('DROP TABLE "statistics_agreement"');
    await q.query('DROP INDEX "public"."ix_funder_member_funder"');
    await q.query('DROP TABLE "funder_member"');
    await q.query('DROP INDEX "public"."uq_funder_organisation_name"');
    await q.query('DROP TABLE "funder_organisation"');
    await q.query('DROP INDEX "public"."uq_association_name"');
    await q.query('DROP TABLE "association"');
    await q.query('DROP INDEX "public"."ix_break_glass_grant_lookup"');
    await q.query('DROP INDEX "public"."ix_break_glass_grant_review"');
    await q.query('DROP TABLE "break_glass_grant"');
  }
}
