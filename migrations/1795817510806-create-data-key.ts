import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreateDataKey1795817510806 implements MigrationInterface {
  name = 'CreateDataKey1795817510806';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "data_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "version" integer NOT NULL, "wrapped" bytea NOT NULL, "kek_id" character varying(64) NOT NULL, "state" character varying(8) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_data_key_version" CHECK ("version" > 0), CONSTRAINT "ck_data_key_state" CHECK ("state" IN (\'active\', \'retiring\', \'retired\')), CONSTRAINT "pk_data_key" PRIMARY KEY ("id"))',
    );
    await q.query(
      'CREATE UNIQUE INDEX "uq_data_key_active" ON "data_key"  ("association_id") WHERE "state" = \'active\'',
    );
    await q.query('CREATE UNIQUE INDEX "uq_data_key_version" ON "data_key"  ("association_id", "version") ');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "public"."uq_data_key_version"');
    await q.query('DROP INDEX "public"."uq_data_key_active"');
    await q.query('DROP TABLE "data_key"');
  }
}
