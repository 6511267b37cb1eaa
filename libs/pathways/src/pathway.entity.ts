import { VersionedRecord } from '@app/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A pathway of a person (psp.md "The pathway lifecycle"): `support` (open, closed) or `psp`, at
 * most one open PSP per person (partial unique index). The state is the one the event log leads to.
 */
@Entity({ name: 'pathway' })
@Index('ix_pathway_person', ['associationId', 'personId'])
@Index('ix_pathway_state', ['associationId', 'kind', 'state'])
@Index('uq_pathway_open_psp', ['personId'], { unique: true, where: `kind = 'psp' AND closed_on IS NULL` })
export class Pathway extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'kind', type: 'varchar', length: 8 })
  kind!: string;

  @Column({ name: 'state', type: 'varchar', length: 24 })
  state!: string;

  /** The PSP is per département: moving means a new request there (psp.md). */
  @Column({ name: 'departement', type: 'varchar', length: 3, nullable: true })
  departement!: string | null;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason!: string | null;
}

/** Every transition, dated, with who recorded it and the decision reference; append-only. */
@Entity({ name: 'pathway_event' })
@Index('ix_pathway_event_pathway', ['associationId', 'pathwayId', 'sequence'])
@Index('ix_pathway_event_session', ['associationId', 'commissionSessionId'])
export class PathwayEvent {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  /** Order of recording within the pathway. */
  @Column({ name: 'sequence', type: 'integer' })
  sequence!: number;

  @Column({ name: 'kind', type: 'varchar', length: 24 })
  kind!: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn!: string;

  @Column({ name: 'from_state', type: 'varchar', length: 24 })
  fromState!: string;

  @Column({ name: 'to_state', type: 'varchar', length: 24 })
  toState!: string;

  @Column({ name: 'decision_reference', type: 'varchar', length: 64, nullable: true })
  decisionReference!: string | null;

  @Column({ name: 'opinion', type: 'varchar', length: 16, nullable: true })
  opinion!: string | null;

  @Column({ name: 'commission_session_id', type: 'uuid', nullable: true })
  commissionSessionId!: string | null;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn!: string | null;

  @Column({ name: 'notified_on', type: 'date', nullable: true })
  notifiedOn!: string | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason!: string | null;

  @Column({ name: 'period_number', type: 'smallint', nullable: true })
  periodNumber!: number | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

/** The 6-month periods decisions opened (at most 4), with the gap before a late renewal. */
@Entity({ name: 'pathway_period' })
@Index('uq_pathway_period', ['pathwayId', 'number'], { unique: true })
@Index('ix_pathway_period_ends', ['associationId', 'endsOn'])
export class PathwayPeriod {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId!: string;

  @Column({ name: 'number', type: 'smallint' })
  number!: number;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ name: 'decision_on', type: 'date' })
  decisionOn!: string;

  @Column({ name: 'decision_event_id', type: 'uuid' })
  decisionEventId!: string;

  @Column({ name: 'gap_days', type: 'integer', default: 0 })
  gapDays!: number;
}

/** Situation at PSP entry (period 1) and end, for indicators P6 and P7: codes only. */
@Entity({ name: 'pathway_snapshot' })
@Index('uq_pathway_snapshot', ['pathwayId', 'moment'], { unique: true })
export class PathwaySnapshot {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'moment', type: 'varchar', length: 8 })
  moment!: string;

  @Column({ name: 'taken_on', type: 'date' })
  takenOn!: string;

  @Column({ name: 'housing', type: 'varchar', length: 24, nullable: true })
  housing!: string | null;

  @Column({ name: 'income', type: 'varchar', length: 24, array: true, default: () => "'{}'" })
  income!: string[];

  @Column({ name: 'employment', type: 'varchar', length: 24, nullable: true })
  employment!: string | null;

  @Column({ name: 'permit', type: 'varchar', length: 16, nullable: true })
  permit!: string | null;
}

/** A goal of a pathway, by domain. Its title and outcome are free text: one encrypted value. */
@Entity({ name: 'pathway_goal' })
@Index('ix_pathway_goal_pathway', ['associationId', 'pathwayId'])
export class PathwayGoal extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'pathway_id', type: 'uuid' })
  pathwayId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'domain', type: 'varchar', length: 24 })
  domain!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'target_on', type: 'date', nullable: true })
  targetOn!: string | null;

  /** AES-256-GCM (FieldCipher) of {title, outcome}, bound to this row and association. */
  @Column({ name: 'content', type: 'bytea' })
  content!: Buffer;
}

/** A right or situation of a person (APS, AFIS, other income, housing, employment), with its dates. */
@Entity({ name: 'person_right' })
@Index('ix_person_right_person', ['associationId', 'personId', 'kind'])
export class PersonRight extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'kind', type: 'varchar', length: 24 })
  kind!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'situation', type: 'varchar', length: 24, nullable: true })
  situation!: string | null;

  @Column({ name: 'requested_on', type: 'date', nullable: true })
  requestedOn!: string | null;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn!: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  @Column({ name: 'receipt_until', type: 'date', nullable: true })
  receiptUntil!: string | null;

  @Column({ name: 'refusal_reason', type: 'varchar', length: 24, nullable: true })
  refusalReason!: string | null;

  @Column({ name: 'children', type: 'smallint', nullable: true })
  children!: number | null;

  @Column({ name: 'monthly_amount_cents', type: 'integer', nullable: true })
  monthlyAmountCents!: number | null;

  @Column({ name: 'decision_event_id', type: 'uuid', nullable: true })
  decisionEventId!: string | null;
}

/** A session of the commission départementale, which gives an opinion on each request and renewal. */
@Entity({ name: 'commission_session' })
@Index('uq_commission_session', ['associationId', 'departement', 'heldOn'], { unique: true })
export class CommissionSession extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'departement', type: 'varchar', length: 3 })
  departement!: string;

  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;
}
