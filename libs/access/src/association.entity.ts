import { REMINDER_LEAD_TIMES } from '@app/contracts';
import { VersionedRecord } from '@app/platform';
import { Check, Column, Entity, Index } from 'typeorm';

const LEAD = REMINDER_LEAD_TIMES;
const between = (column: string, range: { min: number; max: number }) =>
  `"${column}" BETWEEN ${range.min} AND ${range.max}`;

/**
 * A tenant: an association approved by the préfet to run PSPs in one or more départements
 * (approval for 3 years, renewable — domain/psp.md). Its settings live on the same row.
 */
@Entity({ name: 'association' })
@Index('uq_association_name', ['name'], { unique: true })
@Check('ck_association_no_contact_days', between('no_contact_days', LEAD.noContactDays))
@Check('ck_association_retention_years', between('retention_years', LEAD.retentionYears))
@Check('ck_association_appointment_lead_days', between('appointment_lead_days', LEAD.appointmentLeadDays))
@Check('ck_association_document_expiry_lead_days', between('document_expiry_lead_days', LEAD.documentExpiryLeadDays))
@Check(
  'ck_association_approval_renewal_lead_months',
  between('approval_renewal_lead_months', LEAD.approvalRenewalLeadMonths),
)
export class Association extends VersionedRecord {
  @Column({ name: 'name', type: 'varchar', length: 160 })
  name!: string;

  /** Départements of the PSP approval (INSEE codes: 75, 93, 2A…). */
  @Column({ name: 'approval_departements', type: 'varchar', length: 3, array: true, default: () => "'{}'" })
  approvalDepartements!: string[];

  @Column({ name: 'approval_granted_on', type: 'date', nullable: true })
  approvalGrantedOn!: string | null;

  @Column({ name: 'approval_expires_on', type: 'date', nullable: true })
  approvalExpiresOn!: string | null;

  /** Roles whose accounts must enrol a second factor (coordinator, admin, DPO by default). */
  @Column({ name: 'mfa_required_roles', type: 'varchar', length: 32, array: true })
  mfaRequiredRoles!: string[];

  /** How long a break-the-glass grant lasts (DESIGN.md: 24 h). */
  @Column({ name: 'break_glass_hours', type: 'integer', default: 24 })
  breakGlassHours!: number;

  /** After this many days without contact, check on the person (domain/psp.md: 30). */
  @Column({ name: 'no_contact_days', type: 'integer', default: LEAD.noContactDays.default })
  noContactDays!: number;

  /** The retention review falls this many years after the last contact (domain/psp.md: 2, CNIL). */
  @Column({ name: 'retention_years', type: 'integer', default: LEAD.retentionYears.default })
  retentionYears!: number;

  /** An appointment reminds the worker this many days before (domain/psp.md: 1). */
  @Column({ name: 'appointment_lead_days', type: 'integer', default: LEAD.appointmentLeadDays.default })
  appointmentLeadDays!: number;

  /** A document's expiry is reminded, and shown as soon, this many days before (domain/psp.md: 60). */
  @Column({ name: 'document_expiry_lead_days', type: 'integer', default: LEAD.documentExpiryLeadDays.default })
  documentExpiryLeadDays!: number;

  /** The approval's renewal file is prepared this many months before it expires (domain/psp.md: 6). */
  @Column({ name: 'approval_renewal_lead_months', type: 'integer', default: LEAD.approvalRenewalLeadMonths.default })
  approvalRenewalLeadMonths!: number;

  /** Overrides of the PSP durations, lead times and AFIS amounts (libs/pathways DEFAULT_PATHWAY_SETTINGS). */
  @Column({ name: 'pathway_settings', type: 'jsonb', default: () => "'{}'" })
  pathwaySettings!: Record<string, unknown>;
}
