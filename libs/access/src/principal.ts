import type { EntityManager } from 'typeorm';
import { FunderMember } from './funder.entity';
import { TeamMember, UserRole, UserSite } from './membership.entity';

/** What a signed-in user is, read fresh on every request so that a role change applies at once. */
export interface Principal {
  roles: string[];
  siteIds: string[];
  teamId: string | null;
  funderId: string | null;
}

/** Runs in a transaction whose tenant is the user's association (RLS on the membership tables). */
export async function loadPrincipal(
  manager: EntityManager,
  userId: string,
  associationId: string | null,
): Promise<Principal> {
  if (!associationId) {
    const funder = await manager.getRepository(FunderMember).findOne({ where: { userId } });
    return { roles: funder ? ['funder'] : [], siteIds: [], teamId: null, funderId: funder?.funderId ?? null };
  }
  // One connection per transaction: queries run one after the other.
  const roles = await manager.getRepository(UserRole).find({ where: { userId } });
  const sites = await manager.getRepository(UserSite).find({ where: { userId } });
  const team = await manager.getRepository(TeamMember).findOne({ where: { userId } });
  return {
    roles: roles.map((r) => r.role).sort(),
    siteIds: sites.map((s) => s.siteId).sort(),
    teamId: team?.teamId ?? null,
    funderId: null,
  };
}
