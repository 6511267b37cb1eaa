import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An outreach session (maraude): when, which site, what kind of place or online channel, who went,
 * and anonymous counts. No column can hold free text: every value is a date, a number, an id of
 * the association's own staff or sites, or a member of a closed list.
 */
@Entity({ name: 'outreach_session' })
@Index('ix_outreach_session_held', ['associationId', 'heldOn'])
@Index('ix_outreach_session_site', ['associationId', 'siteId', 'heldOn'])
export class OutreachSession {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Column({ name: 'place_kind', type: 'varchar', length: 24 })
  placeKind!: string;

  @Column({ name: 'channel', type: 'varchar', length: 24, nullable: true })
  channel!: string | null;

  @Column({ name: 'duration_minutes', type: 'smallint', nullable: true })
  durationMinutes!: number | null;

  @Column({ name: 'team_member_ids', type: 'uuid', array: true, default: () => "'{}'" })
  teamMemberIds!: string[];

  @Column({ name: 'people_met', type: 'smallint' })
  peopleMet!: number;

  @Column({ name: 'new_contacts', type: 'smallint' })
  newContacts!: number;

  /** Counts by closed-list key: gender, firstLanguage, materials, orientations (validated at the edge). */
  @Column({ name: 'tallies', type: 'jsonb' })
  tallies!: Record<string, Record<string, number>>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
