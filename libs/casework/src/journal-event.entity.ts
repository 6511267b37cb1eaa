import { VersionedRecord } from '@app/platform';
import { PathwayGoal } from '@app/pathways';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One entry of a person's journal. The text is encrypted (FieldCipher, bound to this table, column,
 * row and association); type, date, duration and attendees stay in clear for the activity figures.
 * Deleting is soft: the row stays, hidden from the team, visible to the DPO as metadata.
 */
@Entity({ name: 'journal_event' })
@Index('ix_journal_event_timeline', ['associationId', 'personId', 'occurredAt'])
@Index('ix_journal_event_author', ['associationId', 'authorId'])
export class JournalEvent extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'type', type: 'varchar', length: 24 })
  type!: string;

  @Column({ name: 'accompaniment_place', type: 'varchar', length: 24, nullable: true })
  accompanimentPlace!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'duration_minutes', type: 'smallint', nullable: true })
  durationMinutes!: number | null;

  @Column({ name: 'attendees', type: 'varchar', length: 16, array: true, default: () => "'{}'" })
  attendees!: string[];

  /** AES-256-GCM (FieldCipher). */
  @Column({ name: 'text', type: 'bytea' })
  text!: Buffer;

  /** A goal of one of the person's pathways (checked on write); unlinked if the goal goes. */
  @Column({ name: 'goal_id', type: 'uuid', nullable: true })
  goalId!: string | null;

  @ManyToOne(() => PathwayGoal, { onDelete: 'SET NULL', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_journal_event_goal' })
  goal?: PathwayGoal | null;

  @Column({ name: 'confidentiality', type: 'varchar', length: 12, default: 'team' })
  confidentiality!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ name: 'deleted_by', type: 'uuid', nullable: true })
  deletedBy!: string | null;
}

/** Every version of a journal event as written (the first and each edit); append-only. */
@Entity({ name: 'journal_event_version' })
@Index('uq_journal_event_version', ['eventId', 'version'], { unique: true })
export class JournalEventVersion {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'type', type: 'varchar', length: 24 })
  type!: string;

  @Column({ name: 'accompaniment_place', type: 'varchar', length: 24, nullable: true })
  accompanimentPlace!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'duration_minutes', type: 'smallint', nullable: true })
  durationMinutes!: number | null;

  @Column({ name: 'attendees', type: 'varchar', length: 16, array: true, default: () => "'{}'" })
  attendees!: string[];

  /** AES-256-GCM (FieldCipher), bound to this version's row. */
  @Column({ name: 'text', type: 'bytea' })
  text!: Buffer;

  @Column({ name: 'goal_id', type: 'uuid', nullable: true })
  goalId!: string | null;

  @Column({ name: 'confidentiality', type: 'varchar', length: 12 })
  confidentiality!: string;

  @Column({ name: 'edited_by', type: 'uuid' })
  editedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
