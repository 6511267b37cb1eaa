import { VersionedRecord } from '@app/platform';
import { Column, Entity, Index } from 'typeorm';

/** A group of workers within a site; files are shared within the team by default. */
@Entity({ name: 'team' })
@Index('uq_team_name', ['associationId', 'siteId', 'name'], { unique: true })
export class Team extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @Column({ name: 'name', type: 'varchar', length: 120 })
  name!: string;
}
