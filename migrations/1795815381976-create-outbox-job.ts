import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreateOutboxJob1795815381976 implements MigrationInterface {
  name = 'CreateOutboxJob1795815381976';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "outbox_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid, "job_name" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "state" character varying(8) NOT NULL DEFAULT \'pending\', "run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "last_error_code" character varying(64), "effects" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "done_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_outbox_job_state" CHECK ("state" IN (\'pending\', \'queued\', \'done\', \'failed\')), CONSTRAINT "pk_outbox_job" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE INDEX "ix_outbox_job_failed" ON "outbox_job"  ("association_id", "updated_at") WHERE "state" = \'failed\'',
    );
    await q.query(
      'CREATE INDEX "ix_outbox_job_due" ON "outbox_job"  ("run_at") WHERE "state" IN (\'pending\', \'queued\')',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "public"."ix_outbox_job_due"');
    await q.query('DROP INDEX "public"."ix_outbox_job_failed"');
    await q.query('DROP TABLE "outbox_job"');
  }
}
