import { VersionedRecord } from '@app/platform';
import { Column, Entity, Index } from 'typeorm';

/**
 * An appointment with the person, or on their behalf with a partner or an administration. Place and
 * purpose are one encrypted value (`details`): they may name a partner, a court or an address.
 */
@Entity({ name: 'appointment' })
@Index('ix_appointment_person', ['associationId', 'personId', 'startsAt'])
@Index('ix_appointment_organiser', ['associationId', 'organiserId', 'startsAt'])
@Index('ix_appointment_accompanied_by', ['associationId', 'accompaniedById', 'startsAt'])
export class Appointment extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'duration_minutes', type: 'smallint' })
  durationMinutes!: number;

  @Column({ name: 'counterpart', type: 'varchar', length: 16 })
  counterpart!: string;

  @Column({ name: 'person_attends', type: 'boolean', default: true })
  personAttends!: boolean;

  /** AES-256-GCM (FieldCipher): `{ place, purpose }` as JSON. */
  @Column({ name: 'details', type: 'bytea' })
  details!: Buffer;

  @Column({ name: 'organiser_id', type: 'uuid' })
  organiserId!: string;

  @Column({ name: 'accompanied_by', type: 'uuid', nullable: true })
  accompaniedById!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 12, default: 'planned' })
  status!: string;
}
