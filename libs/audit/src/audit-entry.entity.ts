import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum AuditOutcome {
  Success = 'success',
  Denied = 'denied',
  NotFound = 'not_found',
  Failed = 'failed',
}

/**
 * One line of the audit trail: who, what, where, when, the outcome, and the reason when one was
 * given. Never a name, a note text or a body. Append-only (grants and triggers, hand-written
 * migration); sealed in order by the sealer so that tampering shows (DESIGN.md decision 4).
 */
@Entity({ name: 'audit_entry' })
@Index('ix_audit_entry_association_time', ['associationId', 'occurredAt'])
@Index('ix_audit_entry_object', ['objectId'])
@Index('ix_audit_entry_actor', ['actorId', 'occurredAt'])
@Index('ix_audit_entry_tx', ['txId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', name: 'id', primaryKeyConstraintName: 'pk_audit_entry' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** Null for events outside any association (unknown users, operator, funders). */
  @Column({ name: 'association_id', type: 'uuid', nullable: true })
  associationId!: string | null;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId!: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_roles', type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  actorRoles!: string[];

  @Column({ name: 'action', type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'object_type', type: 'varchar', length: 32, nullable: true })
  objectType!: string | null;

  @Column({ name: 'object_id', type: 'varchar', length: 64, nullable: true })
  objectId!: string | null;

  /** For list reads: the ids the list held. */
  @Column({ name: 'object_ids', type: 'uuid', array: true, nullable: true })
  objectIds!: string[] | null;

  @Column({ name: 'outcome', type: 'varchar', length: 16 })
  outcome!: AuditOutcome;

  /** HTTP status of a refusal, or a short code (never a message). */
  @Column({ name: 'detail', type: 'varchar', length: 64, nullable: true })
  detail!: string | null;

  /** A stated reason (break the glass, archive), sealed under the key-encryption key. */
  @Column({ name: 'reason', type: 'bytea', nullable: true })
  reason!: Buffer | null;

  @Column({ name: 'client_hash', type: 'varchar', length: 64, nullable: true })
  clientHash!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /**
   * The writing transaction's id (xid8 as bigint). The sealer seals only entries whose
   * transaction ended before the oldest one still running, so ids that commit out of order are
   * never sealed too early, and an id gap (a rollback) is never read as a deletion. Set by a
   * trigger (hand-written migration), whatever the insert says.
   */
  @Column({ name: 'tx_id', type: 'bigint', insert: false, update: false })
  txId!: string;
}
