import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated from the entities: the four reminder lead times become association settings with
 * domain/psp.md's defaults, and every lead time's range is checked (the API's limits).
 */
export class ReminderLeadTimes1795836074425 implements MigrationInterface {
  name = 'ReminderLeadTimes1795836074425';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "association" ADD "retention_years" integer NOT NULL DEFAULT \'2\'');
    await q.query('ALTER TABLE "association" ADD "appointment_lead_days" integer NOT NULL DEFAULT \'1\'');
    await q.query('ALTER TABLE "association" ADD "document_expiry_lead_days" integer NOT NULL DEFAULT \'60\'');
    await q.query('ALTER TABLE "association" ADD "approval_renewal_lead_months" integer NOT NULL DEFAULT \'6\'');
    await q.query(
      'ALTER TABLE "association" ADD CONSTRAINT "ck_association_approval_renewal_lead_months" CHECK ("approval_renewal_lead_months" BETWEEN 1 AND 24)',
    );
    await q.query(
      'ALTER TABLE "association" ADD CONSTRAINT "ck_association_document_expiry_lead_days" CHECK ("document_expiry_lead_days" BETWEEN 1 AND 365)',
    );
    await q.query(
      'ALTER TABLE "association" ADD CONSTRAINT "ck_association_appointment_lead_days" CHECK ("appointment_lead_days" BETWEEN 0 AND 30)',
    );
    await q.query(
      'ALTER TABLE "association" ADD CONSTRAINT "ck_association_retention_years" CHECK ("retention_years" BETWEEN 1 AND 10)',
    );
    await q.query(
      'ALTER TABLE "association" ADD CONSTRAINT "ck_association_no_contact_days" CHECK ("no_contact_days" BETWEEN 7 AND 365)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "association" DROP CONSTRAINT "ck_association_no_contact_days"');
    await q.query('ALTER TABLE "association" DROP CONSTRAINT "ck_association_retention_years"');
    await q.query('ALTER TABLE "association" DROP CONSTRAINT "ck_association_appointment_lead_days"');
    await q.query('ALTER TABLE "association" DROP CONSTRAINT "ck_association_document_expiry_lead_days"');
    await q.query('ALTER TABLE "association" DROP CONSTRAINT "ck_association_approval_renewal_lead_months"');
    await q.query('ALTER TABLE "association" DROP COLUMN "approval_renewal_lead_months"');
    await q.query('ALTER TABLE "association" DROP COLUMN "document_expiry_lead_days"');
    await q.query('ALTER TABLE "association" DROP COLUMN "appointment_lead_days"');
    await q.query('ALTER TABLE "association" DROP COLUMN "retention_years"');
  }
}
