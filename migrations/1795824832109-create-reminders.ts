import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreateReminders1795824832109 implements MigrationInterface {
  name = 'CreateReminders1795824832109';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "reminder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid NOT NULL, "person_id" uuid, "site_id" uuid, "kind" character varying(40) NOT NULL, "key" character varying(80) NOT NULL, "source_kind" character varying(24) NOT NULL, "source_id" uuid NOT NULL, "due_on" date NOT NULL, "deadline_on" date, "assignee_user_id" uuid, "assignee_role" character varying(24), "status" character varying(12) NOT NULL, "snoozed_until" date, "queued_at" TIMESTAMP WITH TIME ZONE, "notified_at" TIMESTAMP WITH TIME ZONE, "done_at" TIMESTAMP WITH TIME ZONE, "done_by" uuid, "follows_referent" boolean NOT NULL DEFAULT false, "deliveries" smallint NOT NULL DEFAULT \'0\', "contact" bytea, CONSTRAINT "PK_9ec029d17cb8dece186b9221ede" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_reminder_due" ON "reminder"  ("status", "due_on") ');
    await q.query(
      'CREATE INDEX "ix_reminder_assignee" ON "reminder"  ("association_id", "assignee_user_id", "status") ',
    );
    await q.query('CREATE INDEX "ix_reminder_person" ON "reminder"  ("association_id", "person_id") ');
    await q.query('CREATE INDEX "ix_reminder_source" ON "reminder"  ("association_id", "source_kind", "source_id") ');
    await q.query(
      'CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reminder_id" uuid NOT NULL, "round" smallint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE UNIQUE INDEX "uq_notification_reminder_user" ON "notification"  ("reminder_id", "user_id", "round") ',
    );
    await q.query('CREATE INDEX "ix_notification_user" ON "notification"  ("association_id", "user_id", "read_at") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "public"."ix_notification_user"');
    await q.query('DROP INDEX "public"."uq_notification_reminder_user"');
    await q.query('DROP TABLE "notification"');
    await q.query('DROP INDEX "public"."ix_reminder_source"');
    await q.query('DROP INDEX "public"."ix_reminder_person"');
    await q.query('DROP INDEX "public"."ix_reminder_assignee"');
    await q.query('DROP INDEX "public"."ix_reminder_due"');
    await q.query('DROP TABLE "reminder"');
  }
}
