import { BaseRecord } from '@app/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A funder (foundation, State service) that receives anonymised statistics. Not a tenant. */
@Entity({ name: 'funder_organisation' })
@Index('uq_funder_organisation_name', ['name'], { unique: true })
export class FunderOrganisation extends BaseRecord {
  @Column({ name: 'name', type: 'varchar', length: 160 })
  name!: string;
}

@Entity({ name: 'funder_member' })
@Index('ix_funder_member_funder', ['funderId'])
export class FunderMember {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'funder_id', type: 'uuid' })
  funderId!: string;
}

/** An association agrees to share its anonymised statistics with a funder. */
@Entity({ name: 'statistics_agreement' })
@Index('uq_statistics_agreement', ['funderId', 'associationId'], { unique: true })
export class StatisticsAgreement extends BaseRecord {
  @Column({ name: 'funder_id', type: 'uuid' })
  funderId!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'signed_on', type: 'date' })
  signedOn!: string;
}
