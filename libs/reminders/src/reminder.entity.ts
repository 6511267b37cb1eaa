import { VersionedRecord } from '@app/platform';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A reminder of a deadline, raised by a domain lib for one of its records (the source) and
 * delivered once to the people who must act (DESIGN.md "Reminders"). Holds no personal data: kinds,
 * dates and ids; the contact constraint, when the reminder leads to contacting the person, is
 * encrypted like the person's own safe-contact preferences.
 */
@Entity({ name: 'reminder' })
@Index('ix_reminder_source', ['associationId', 'sourceKind', 'sourceId'])
@Index('ix_reminder_person', ['associationId', 'personId'])
@Index('ix_reminder_assignee', ['associationId', 'assigneeUserId', 'status'])
@Index('ix_reminder_due', ['status', 'dueOn'])
export class Reminder extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  /** Whose coordinators receive it when the assignee is a role (retention, no referent). */
  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId!: string | null;

  @Column({ name: 'kind', type: 'varchar', length: 40 })
  kind!: string;

  /** Stable within its source: the same key in the next upsert is the same reminder. */
  @Column({ name: 'key', type: 'varchar', length: 80 })
  key!: string;

  @Column({ name: 'source_kind', type: 'varchar', length: 24 })
  sourceKind!: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  /** The day the reminder is due (the deadline minus its lead time). */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  /** The legal or practical date it leads to (a period's end, an expiry), when there is one. */
  @Column({ name: 'deadline_on', type: 'date', nullable: true })
  deadlineOn!: string | null;

  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  /** 'coordinator' or 'admin': every such user of the association (of `site_id` when set). */
  @Column({ name: 'assignee_role', type: 'varchar', length: 24, nullable: true })
  assigneeRole!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 12 })
  status!: string;

  @Column({ name: 'snoozed_until', type: 'date', nullable: true })
  snoozedUntil!: string | null;

  /** Set when the delivery job is enqueued; cleared by a snooze so the reminder is delivered again. */
  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true })
  notifiedAt!: Date | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy!: string | null;

  /** The assignee is the person's referent (coordinators of the site while there is none): follows a change of referent. */
  @Column({ name: 'follows_referent', type: 'boolean', default: false })
  followsReferent!: boolean;

  /** How many times it was delivered (a snooze delivers it again). */
  @Column({ name: 'deliveries', type: 'smallint', default: 0 })
  deliveries!: number;

  /** The person's contact constraint (never call, hours), FieldCipher-encrypted; null when none. */
  @Column({ name: 'contact', type: 'bytea', nullable: true })
  contact!: Buffer | null;
}

/** One in-app notification of a reminder to one user. */
@Entity({ name: 'notification' })
@Index('ix_notification_user', ['associationId', 'userId', 'readAt'])
@Index('uq_notification_reminder_user', ['reminderId', 'userId', 'round'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'reminder_id', type: 'uuid' })
  reminderId!: string;

  /** 1 for the first delivery, 2 after a snooze… : a delivery notifies each user at most once. */
  @Column({ name: 'round', type: 'smallint' })
  round!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

/**
 * One user's daily email digest of reminders (SMTP configured): the row is claimed by the arm pass
 * (its unique key makes the digest once per user and Paris day) and marked when the mail went out.
 */
@Entity({ name: 'reminder_digest' })
@Index('uq_reminder_digest_user_day', ['userId', 'day'], { unique: true })
export class ReminderDigest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The Paris day it covers. */
  @Column({ name: 'day', type: 'date' })
  day!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
