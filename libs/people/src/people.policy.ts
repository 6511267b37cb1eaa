import type { Actor } from '@app/platform';

/**
 * Record scope (DESIGN.md "Who uses it", CASF shared secrecy): a social worker sees the files of
 * their team and those they are referent of, and a file opened by breaking the glass; a coordinator
 * sees every file of their sites (all sites when not limited). Nobody else reads case content.
 */
export interface ScopeFilter {
  sql: string;
  params: Record<string, unknown>;
}

export function readsCaseContent(actor: Actor | undefined): boolean {
  return Boolean(actor && (actor.roles.includes('social_worker') || actor.roles.includes('coordinator')));
}

/** A WHERE fragment over alias `p` (person) that keeps what the actor may see; never empty. */
export function scopeFilter(actor: Actor | undefined, now: Date): ScopeFilter {
  if (!actor) return { sql: 'false', params: {} };
  const parts: string[] = [];
  const params: Record<string, unknown> = { scopeUser: actor.userId, scopeNow: now };
  if (actor.roles.includes('coordinator')) {
    if (!actor.siteIds || actor.siteIds.length === 0) parts.push('true');
    else if (actor.siteIds.length === 1) {
      // An equality, not ANY(array): the planner then reads a page in the order of the site's
      // index (ix_person_site_file_number) instead of sorting the whole site.
      parts.push('p.site_id = :scopeSite');
      params.scopeSite = actor.siteIds[0];
    } else {
      parts.push('p.site_id = ANY(:scopeSites)');
      params.scopeSites = [...actor.siteIds];
    }
  }
  if (actor.roles.includes('social_worker')) {
    if (actor.teamId) {
      parts.push('p.team_id = :scopeTeam');
      params.scopeTeam = actor.teamId;
    }
    parts.push('p.referent_id = :scopeUser');
    parts.push(
      'EXISTS (SELECT 1 FROM break_glass_grant g WHERE g.person_id = p.id AND g.user_id = :scopeUser AND g.expires_at > :scopeNow)',
    );
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'false', params };
}
