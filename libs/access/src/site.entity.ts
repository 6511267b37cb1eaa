import { VersionedRecord } from '@app/platform';
import { Column, Entity, Index } from 'typeorm';

/** A local branch (délégation, antenne), bound to one département. */
@Entity({ name: 'site' })
@Index('uq_site_code', ['associationId', 'code'], { unique: true })
export class Site extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'name', type: 'varchar', length: 120 })
  name!: string;

  /** Short code used in file numbers (e.g. PAR-2026-0042). */
  @Column({ name: 'code', type: 'varchar', length: 8 })
  code!: string;

  @Column({ name: 'departement', type: 'varchar', length: 3 })
  departement!: string;
}
