import { VersionedRecord } from '@app/platform';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person accompanied (personne accompagnée). Identity, safe-contact secrets and the code word
 * are one encrypted value (`identity`, `safe_contact`); what statistics need is kept apart in coarse,
 * non-identifying columns (DESIGN.md decision 3).
 */
@Entity({ name: 'person' })
@Index('uq_person_file_number', ['associationId', 'fileNumber'], { unique: true })
@Index('ix_person_caseload', ['associationId', 'teamId', 'status'])
@Index('ix_person_referent', ['associationId', 'referentId'])
// A site's caseload, in file-number order: a page is read from the index without sorting the site.
@Index('ix_person_site_file_number', ['associationId', 'siteId', 'fileNumber'])
export class Person extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'file_number', type: 'varchar', length: 24 })
  fileNumber!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ name: 'referent_id', type: 'uuid', nullable: true })
  referentId!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: string;

  /** AES-256-GCM (FieldCipher), bound to this row and association. */
  @Column({ name: 'identity', type: 'bytea' })
  identity!: Buffer;

  @Column({ name: 'safe_contact', type: 'bytea' })
  safeContact!: Buffer;

  @Column({ name: 'never_call', type: 'boolean', default: false })
  neverCall!: boolean;

  @Column({ name: 'birth_year', type: 'smallint', nullable: true })
  birthYear!: number | null;

  @Column({ name: 'is_minor', type: 'boolean', default: false })
  isMinor!: boolean;

  @Column({ name: 'gender', type: 'varchar', length: 16 })
  gender!: string;

  @Column({ name: 'nationality_group', type: 'varchar', length: 24 })
  nationalityGroup!: string;

  @Column({ name: 'languages', type: 'varchar', length: 12, array: true, default: () => "'{}'" })
  languages!: string[];

  @Column({ name: 'departement', type: 'varchar', length: 3, nullable: true })
  departement!: string | null;

  @Column({ name: 'last_contact_at', type: 'timestamptz', nullable: true })
  lastContactAt!: Date | null;
}

/** Keyed blind-index tokens of names, phones and email: exact-match search without clear text. */
@Entity({ name: 'person_search_token' })
@Index('ix_person_search_token_lookup', ['associationId', 'kind', 'token'])
export class PersonSearchToken {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @PrimaryColumn({ name: 'kind', type: 'varchar', length: 8 })
  kind!: string;

  @PrimaryColumn({ name: 'token', type: 'varchar', length: 64 })
  token!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;
}

/** The consent ledger: append-only rows; the latest per purpose is in force. */
@Entity({ name: 'consent' })
@Index('ix_consent_person', ['associationId', 'personId', 'purpose', 'recordedAt'])
export class Consent {
  @PrimaryColumn({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'purpose', type: 'varchar', length: 32 })
  purpose!: string;

  /** For `share_partner`: the partner of the directory the consent names; null otherwise. */
  @Column({ name: 'partner_id', type: 'uuid', nullable: true })
  partnerId!: string | null;

  @Column({ name: 'given', type: 'boolean' })
  given!: boolean;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;
}

/** Per site and year, the last file number handed out (PAR-2026-0042). */
@Entity({ name: 'file_number_counter' })
export class FileNumberCounter {
  @PrimaryColumn({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @PrimaryColumn({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @PrimaryColumn({ name: 'year', type: 'smallint' })
  year!: number;

  @Column({ name: 'last', type: 'integer' })
  last!: number;
}
