import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A seal: the entries whose transactions ended in [tx_from, tx_to), in (tx_id, id) order, with
 * each entry's digest, and an HMAC (key from the key file, never the database) over them and the
 * previous seal's MAC. The chain is global across associations; one sealer appends at a time.
 */
@Entity({ name: 'audit_seal' })
@Index('uq_audit_seal_previous', ['previousId'], { unique: true })
export class AuditSeal {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', name: 'id', primaryKeyConstraintName: 'pk_audit_seal' })
  id!: string;

  /** The seal this one follows (null for the first), unique: the chain cannot fork. */
  @Column({ name: 'previous_id', type: 'bigint', nullable: true })
  previousId!: string | null;

  @Column({ name: 'sealed_at', type: 'timestamptz' })
  sealedAt!: Date;

  @Column({ name: 'tx_from', type: 'bigint' })
  txFrom!: string;

  @Column({ name: 'tx_to', type: 'bigint' })
  txTo!: string;

  @Column({ name: 'entry_count', type: 'integer' })
  entryCount!: number;

  @Column({ name: 'entry_ids', type: 'bigint', array: true })
  entryIds!: string[];

  /** SHA-256 of each entry's canonical form, in the order of entry_ids. */
  @Column({ name: 'entry_digests', type: 'bytea', array: true })
  entryDigests!: Buffer[];

  @Column({ name: 'previous_mac', type: 'bytea', nullable: true })
  previousMac!: Buffer | null;

  @Column({ name: 'mac', type: 'bytea' })
  mac!: Buffer;
}
