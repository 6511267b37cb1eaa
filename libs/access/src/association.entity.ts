import { VersionedRecord } from '@app/platform';
import { Column, Entity, Index } from 'typeorm';

/**
 * A tenant: an association approved by the préfet to run PSPs in one or more départements
 * (approval for 3 years, renewable — domain/psp.md). Its settings live on the same row.
 */
@Entity({ name: 'association' })
@Index('uq_association_name', ['name'], { unique: true })
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
  @Column({ name: 'no_contact_days', type: 'integer', default: 30 })
  noContactDays!: number;

  /** Overrides of the PSP durations, lead times and AFIS amounts (libs/pathways DEFAULT_PATHWAY_SETTINGS). */
  @Column({ name: 'pathway_settings', type: 'jsonb', default: () => "'{}'" })
  pathwaySettings!: Record<string, unknown>;
}
