import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class CreateAuthTables1795814239945 implements MigrationInterface {
  name = 'CreateAuthTables1795814239945';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "auth_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" character varying(48) NOT NULL, "user_id" uuid, "association_id" uuid, "subject_hash" character varying(64), "client_hash" character varying(64), "request_id" character varying(64), CONSTRAINT "PK_20130748591e99a3c2e35d9a074" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_auth_event_occurred_at" ON "auth_event"  ("occurred_at") ');
    await q.query(
      'CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "association_id" uuid, "email" character varying(254) NOT NULL, "email_normalised" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'active\', "password_hash" text, "password_changed_at" TIMESTAMP WITH TIME ZONE, "mfa_enabled" boolean NOT NULL DEFAULT false, "mfa_required" boolean NOT NULL DEFAULT false, "totp_secret" bytea, "totp_pending_secret" bytea, "totp_last_step" bigint, CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_user_account_email" ON "user_account"  ("email_normalised") ');
    await q.query(
      'CREATE TABLE "password_reset" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" bytea NOT NULL, "user_id" uuid NOT NULL, "issued_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8515e60a2cc41584fa4784f52ce" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE UNIQUE INDEX "uq_password_reset_token_hash" ON "password_reset"  ("token_hash") ');
    await q.query(
      'CREATE TABLE "mfa_recovery_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" bytea NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cdbbb187d9498f3aee029649fbf" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_mfa_recovery_code_user" ON "mfa_recovery_code"  ("user_id") ');
    await q.query(
      'CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" bytea NOT NULL, "user_id" uuid NOT NULL, "stage" character varying(8) NOT NULL, "csrf_token" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))',
    );
    await q.query('CREATE INDEX "ix_session_user" ON "session"  ("user_id") ');
    await q.query('CREATE UNIQUE INDEX "uq_session_token_hash" ON "session"  ("token_hash") ');
    await q.query(
      'CREATE TABLE "auth_throttle" ("key" character varying(80) NOT NULL, "failures" integer NOT NULL DEFAULT \'0\', "window_started_at" TIMESTAMP WITH TIME ZONE, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4c7fca5065c568fa2bae24a1d26" PRIMARY KEY ("key"))',
    );
    await q.query(
      'ALTER TABLE "password_reset" ADD CONSTRAINT "fk_password_reset_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "mfa_recovery_code" ADD CONSTRAINT "fk_mfa_recovery_code_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "session" ADD CONSTRAINT "fk_session_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "session" DROP CONSTRAINT "fk_session_user"');
    await q.query('ALTER TABLE "mfa_recovery_code" DROP CONSTRAINT "fk_mfa_recovery_code_user"');
    await q.query('ALTER TABLE "password_reset" DROP CONSTRAINT "fk_password_reset_user"');
    await q.query('DROP TABLE "auth_throttle"');
    await q.query('DROP INDEX "public"."uq_session_token_hash"');
    await q.query('DROP INDEX "public"."ix_session_user"');
    await q.query('DROP TABLE "session"');
    await q.query('DROP INDEX "public"."ix_mfa_recovery_code_user"');
    await q.query('DROP TABLE "mfa_recovery_code"');
    await q.query('DROP INDEX "public"."uq_password_reset_token_hash"');
    await q.query('DROP TABLE "password_reset"');
    await q.query('DROP INDEX "public"."uq_user_account_email"');
    await q.query('DROP TABLE "user_account"');
    await q.query('DROP INDEX "public"."ix_auth_event_occurred_at"');
    await q.query('DROP TABLE "auth_event"');
  }
}
