import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreateCaseworkTables1795823516118 implements MigrationInterface {
  name = 'CreateCaseworkTables1795823516118';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "appointment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" smallint NOT NULL, "counterpart" character varying(16) NOT NULL, "person_attends" boolean NOT NULL DEFAULT true, "details" bytea NOT NULL, "organiser_id" uuid NOT NULL, "accompanied_by" uuid, "status" character varying(12) NOT NULL DEFAULT \'planned\', CONSTRAINT "PK_e8be1a53027415e709ce8a2db74" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE INDEX "ix_appointment_accompanied_by" ON "appointment"  ("association_id", "accompanied_by", "starts_at") ',
    );
    await q.query(
      'CREATE INDEX "ix_appointment_organiser" ON "appointment"  ("association_id", "organiser_id", "starts_at") ',
    );
    await q.query(
      'CREATE INDEX "ix_appointment_person" ON "appointment"  ("association_id", "person_id", "starts_at") ',
    );
    await q.query(
      'CREATE TABLE "journal_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "type" character varying(24) NOT NULL, "accompaniment_place" character varying(24), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" smallint, "attendees" character varying(16) array NOT NULL DEFAULT \'{}\', "text" bytea NOT NULL, "goal_id" uuid, "confidentiality" character varying(12) NOT NULL DEFAULT \'team\', "author_id" uuid NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE, "deleted_by" uuid, CONSTRAINT "PK_fe979a45fa7f201417283ee0d50" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_journal_event_author" ON "journal_event"  ("association_id", "author_id") ');
    await q.query(
      'CREATE INDEX "ix_journal_event_timeline" ON "journal_event"  ("association_id", "person_id", "occurred_at") ',
    );
    await q.query(
      'CREATE TABLE "journal_event_version" ("id" uuid NOT NULL, "association_id" uuid NOT NULL, "event_id" uuid NOT NULL, "version" integer NOT NULL, "type" character varying(24) NOT NULL, "accompaniment_place" character varying(24), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" smallint, "attendees" character varying(16) array NOT NULL DEFAULT \'{}\', "text" bytea NOT NULL, "goal_id" uuid, "confidentiality" character varying(12) NOT NULL, "edited_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_72a9009ec70dbe3d81581fb7256" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE UNIQUE INDEX "uq_journal_event_version" ON "journal_event_version"  ("event_id", "version") ',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "public"."uq_journal_event_version"');
    await q.query('DROP TABLE "journal_event_version"');
    await q.query('DROP INDEX "public"."ix_journal_event_timeline"');
    await q.query('DROP INDEX "public"."ix_journal_event_author"');
    await q.query('DROP TABLE "journal_event"');
    await q.query('DROP INDEX "public"."ix_appointment_person"');
    await q.query('DROP INDEX "public"."ix_appointment_organiser"');
    await q.query('DROP INDEX "public"."ix_appointment_accompanied_by"');
    await q.query('DROP TABLE "appointment"');
  }
}
