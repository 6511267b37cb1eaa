import type { EntityManager } from 'typeorm';
import { FunderMember } from './funder.entity';

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
  // One round trip for the three memberships: this runs on every authenticated request.
  const [row] = await manager.query<{ roles: string[]; sites: string[]; team: string | null }[]>(
    `SELECT ARRAY(SELECT role::text FROM user_role WHERE user_id = $1) AS roles,
            ARRAY(SELECT site_id::text FROM user_site WHERE user_id = $1) AS sites,
            (SELECT team_id::text FROM team_member WHERE user_id = $1 LIMIT 1) AS team`,
    [userId],
  );
  return {
    roles: [...row.roles].sort(),
    siteIds: [...row.sites].sort(),
    teamId: row.team ?? null,
    funderId: null,
  };
}
