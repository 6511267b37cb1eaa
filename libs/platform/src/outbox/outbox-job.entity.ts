import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OutboxState } from './outbox.rules';

/**
 * Every job is first a row here, written in the business transaction (DESIGN.md decision 5); the
 * row also carries the job's state, so Redis losing its data loses nothing. Exempt from row-level
 * security (DESIGN.md decision 1): the relay and sweep read it across associations, and every read
 * made for a person filters on `association_id` explicitly.
 */
@Entity({ name: 'outbox_job' })
// The relay's and sweep's scan: only rows still to run, by due time.
@Index('ix_outbox_job_due', ['runAt'], { where: `"state" IN ('pending', 'queued')` })
// The admins' list of failed jobs of their association, and the failed-count gauge.
@Index('ix_outbox_job_failed', ['associationId', 'updatedAt'], { where: `"state" = 'failed'` })
@Check('ck_outbox_job_state', `"state" IN ('pending', 'queued', 'done', 'failed')`)
export class OutboxJob {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_outbox_job' })
  id!: string;

  /** Null for jobs of no association (system jobs). Handlers run with this tenant set. */
  @Column({ name: 'association_id', type: 'uuid', nullable: true })
  associationId!: string | null;

  @Column({ name: 'job_name', type: 'varchar', length: 64 })
  jobName!: string;

  /** Ids only (`assertIdsOnly`). */
  @Column({ name: 'payload', type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'state', type: 'varchar', length: 8, default: OutboxState.Pending })
  state!: OutboxState;

  /** Not before: the enqueue time, a later instant asked for, or the next retry after a failure. */
  @Column({ name: 'run_at', type: 'timestamptz' })
  runAt!: Date;

  /** Failed attempts so far. */
  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  /** A code (SQLSTATE, an error enum), never a message: messages may quote data. */
  @Column({ name: 'last_error_code', type: 'varchar', length: 64, nullable: true })
  lastErrorCode!: string | null;

  /**
   * How many times a handler's effect committed for this row, incremented in the same transaction
   * as `done`. Anything but 0 or 1 is a duplicate: the fault suite asserts it.
   */
  @Column({ name: 'effects', type: 'integer', default: 0 })
  effects!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Last state change; the sweep reads a queued row's age from it. */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;
}
