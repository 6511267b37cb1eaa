import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A time-boxed opening of one file outside the worker's team (DESIGN.md "Breaking the glass"),
 * listed for the DPO's review. The stated reason may name people: it is sealed, bound to the row.
 */
@Entity({ name: 'break_glass_grant' })
@Index('ix_break_glass_grant_lookup', ['userId', 'personId', 'expiresAt'])
@Index('ix_break_glass_grant_review', ['associationId', 'reviewedAt'])
export class BreakGlassGrant {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'reason', type: 'bytea' })
  reason!: Buffer;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;
}
