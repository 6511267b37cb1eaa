/** The roles of DESIGN.md "Who uses it". Persisted and exposed: string values never change. */
export enum Role {
  SocialWorker = 'social_worker',
  OutreachVolunteer = 'outreach_volunteer',
  Coordinator = 'coordinator',
  Admin = 'admin',
  Dpo = 'dpo',
  Funder = 'funder',
}

export const ROLES: readonly Role[] = Object.values(Role);
