import { VersionedRecord } from '@app/platform';
import { Column, Entity, Index } from 'typeorm';

/** A partner of the association's directory (SIAO, health centre, lawyer, préfecture…). */
@Entity({ name: 'partner' })
@Index('ix_partner_kind', ['associationId', 'kind', 'name'])
export class Partner extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'kind', type: 'varchar', length: 24 })
  kind!: string;

  /** An organisation's name and professional contact details: not personal data of the persons. */
  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 200, nullable: true })
  contactName!: string | null;

  @Column({ name: 'phone', type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  @Column({ name: 'email', type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ name: 'address', type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;
}

/** A person referred to a partner, with what was shared; checked against the consent ledger. */
@Entity({ name: 'referral' })
@Index('ix_referral_person', ['associationId', 'personId', 'referredOn'])
@Index('ix_referral_follow_up', ['associationId', 'followUpOn'])
export class Referral extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  /** The reason as the worker wrote it: AES-256-GCM (FieldCipher), bound to this row. */
  @Column({ name: 'reason', type: 'bytea' })
  reason!: Buffer;

  @Column({ name: 'referred_on', type: 'date' })
  referredOn!: string;

  @Column({ name: 'outcome', type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ name: 'follow_up_on', type: 'date', nullable: true })
  followUpOn!: string | null;

  @Column({ name: 'shared_categories', type: 'varchar', length: 16, array: true, default: () => "'{}'" })
  sharedCategories!: string[];

  @Column({ name: 'pseudonymous', type: 'boolean', default: false })
  pseudonymous!: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}
