import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A role held by a user in their association. Changed only through the roles route. */
@Entity({ name: 'user_role' })
@Index('ix_user_role_association', ['associationId'])
export class UserRole {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ name: 'role', type: 'varchar', length: 32 })
  role!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;
}

/** Limits a user to some sites; none means every site of the association. */
@Entity({ name: 'user_site' })
@Index('ix_user_site_association', ['associationId'])
export class UserSite {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;
}

/** The team a user belongs to (one at most). */
@Entity({ name: 'team_member' })
@Index('ix_team_member_team', ['teamId'])
export class TeamMember {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;
}
