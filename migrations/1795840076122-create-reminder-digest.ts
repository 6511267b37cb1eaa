import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities: the daily reminder digests, one per user and Paris day. */
export class CreateReminderDigest1795840076122 implements MigrationInterface {
  name = 'CreateReminderDigest1795840076122';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "reminder_digest" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "user_id" uuid NOT NULL, "day" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a5f459c614fbc1bc338bd572c58" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_reminder_digest_user_day" ON "reminder_digest"  ("user_id", "day") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "public"."uq_reminder_digest_user_day"');
    await q.query('DROP TABLE "reminder_digest"');
  }
}
