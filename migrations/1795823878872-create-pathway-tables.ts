import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreatePathwayTables1795823878872 implements MigrationInterface {
  name = 'CreatePathwayTables1795823878872';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "pathway" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "state" character varying(24) NOT NULL, "departement" character varying(3), "opened_on" date NOT NULL, "closed_on" date, "end_reason" character varying(32), CONSTRAINT "PK_d593326dc88056b1e118fd40f5a" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE UNIQUE INDEX "uq_pathway_open_psp" ON "pathway"  ("person_id") WHERE kind = \'psp\' AND closed_on IS NULL',
    );
    await q.query('CREATE INDEX "ix_pathway_state" ON "pathway"  ("association_id", "kind", "state") ');
    await q.query('CREATE INDEX "ix_pathway_person" ON "pathway"  ("association_id", "person_id") ');
    await q.query(
      'CREATE TABLE "pathway_event" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "pathway_id" uuid NOT NULL, "person_id" uuid NOT NULL, "sequence" integer NOT NULL, "kind" character varying(24) NOT NULL, "occurred_on" date NOT NULL, "from_state" character varying(24) NOT NULL, "to_state" character varying(24) NOT NULL, "decision_reference" character varying(64), "opinion" character varying(16), "commission_session_id" uuid, "starts_on" date, "notified_on" date, "end_reason" character varying(32), "period_number" smallint, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_723bdee47a22ab7349a9b7ad21a" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE INDEX "ix_pathway_event_session" ON "pathway_event"  ("association_id", "commission_session_id") ',
    );
    await q.query(
      'CREATE INDEX "ix_pathway_event_pathway" ON "pathway_event"  ("association_id", "pathway_id", "sequence") ',
    );
    await q.query(
      'CREATE TABLE "pathway_period" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "pathway_id" uuid NOT NULL, "number" smallint NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "decision_on" date NOT NULL, "decision_event_id" uuid NOT NULL, "gap_days" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_de411f789933a51cb2a41f78b80" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_pathway_period_ends" ON "pathway_period"  ("association_id", "ends_on") ');
    await q.query('CREATE UNIQUE INDEX "uq_pathway_period" ON "pathway_period"  ("pathway_id", "number") ');
    await q.query(
      'CREATE TABLE "pathway_snapshot" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "pathway_id" uuid NOT NULL, "person_id" uuid NOT NULL, "moment" character varying(8) NOT NULL, "taken_on" date NOT NULL, "housing" character varying(24), "income" character varying(24) array NOT NULL DEFAULT \'{}\', "employment" character varying(24), "permit" character varying(16), CONSTRAINT "PK_f0f59a8e03326b1905a4132f1a9" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_pathway_snapshot" ON "pathway_snapshot"  ("pathway_id", "moment") ');
    await q.query(
      'CREATE TABLE "pathway_goal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "pathway_id" uuid NOT NULL, "person_id" uuid NOT NULL, "domain" character varying(24) NOT NULL, "status" character varying(16) NOT NULL, "target_on" date, "content" bytea NOT NULL, CONSTRAINT "PK_eb1c93a23fdcd259c0793b9a548" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_pathway_goal_pathway" ON "pathway_goal"  ("association_id", "pathway_id") ');
    await q.query(
      'CREATE TABLE "person_right" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "status" character varying(16) NOT NULL, "situation" character varying(24), "requested_on" date, "starts_on" date, "ends_on" date, "receipt_until" date, "refusal_reason" character varying(24), "children" smallint, "monthly_amount_cents" integer, "decision_event_id" uuid, CONSTRAINT "PK_65bca019a6bc7dbda5d9b0d0ed5" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_person_right_person" ON "person_right"  ("association_id", "person_id", "kind") ');
    await q.query(
      'CREATE TABLE "commission_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "departement" character varying(3) NOT NULL, "held_on" date NOT NULL, CONSTRAINT "PK_1867f136ca515a23e513c7db29e" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE UNIQUE INDEX "uq_commission_session" ON "commission_session"  ("association_id", "departement", "held_on") ',
    );
    await q.query('ALTER TABLE "association" ADD "pathway_settings" jsonb NOT NULL DEFAULT \'{}\'');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "association" DROP COLUMN "pathway_settings"');
    await q.query('DROP INDEX "public"."uq_commission_session"');
    await q.query('DROP TABLE "commission_session"');
    await q.query('DROP INDEX "public"."ix_person_right_person"');
    await q.query('DROP TABLE "person_right"');
    await q.query('DROP INDEX "public"."ix_pathway_goal_pathway"');
    await q.query('DROP TABLE "pathway_goal"');
    await q.query('DROP INDEX "public"."uq_pathway_snapshot"');
    await q.query('DROP TABLE "pathway_snapshot"');
    await q.query('DROP INDEX "public"."uq_pathway_period"');
    await q.query('DROP INDEX "public"."ix_pathway_period_ends"');
    await q.query('DROP TABLE "pathway_period"');
    await q.query('DROP INDEX "public"."ix_pathway_event_pathway"');
    await q.query('DROP INDEX "public"."ix_pathway_event_session"');
    await q.query('DROP TABLE "pathway_event"');
    await q.query('DROP INDEX "public"."ix_pathway_person"');
    await q.query('DROP INDEX "public"."ix_pathway_state"');
    await q.query('DROP INDEX "public"."uq_pathway_open_psp"');
    await q.query('DROP TABLE "pathway"');
  }
}
