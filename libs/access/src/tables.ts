import { Association } from './association.entity';
import { BreakGlassGrant } from './break-glass-grant.entity';
import { FunderMember, FunderOrganisation, StatisticsAgreement } from './funder.entity';
import { TeamMember, UserRole, UserSite } from './membership.entity';
import { Site } from './site.entity';
import { Team } from './team.entity';

export const ACCESS_ENTITIES = [
  Association,
  Site,
  Team,
  UserRole,
  UserSite,
  TeamMember,
  FunderOrganisation,
  FunderMember,
  StatisticsAgreement,
  BreakGlassGrant,
];

/**
 * Tables without row-level security, and why (DESIGN.md decision 1). Every other table of the
 * schema has RLS enabled and forced; a test reads the catalogue and compares it with this list.
 */
export const RLS_EXEMPT_TABLES: Readonly<Record<string, string>> = {
  migrations: 'the owner’s migration ledger; no grant to the runtime roles',
  user_account: 'authentication comes before tenancy; admin reads filter by association in the repository',
  session: 'authentication',
  auth_throttle: 'login counters, keyed hashes only',
  password_reset: 'authentication',
  mfa_recovery_code: 'authentication',
  auth_event: 'authentication events, including unknown users with no association',
  funder_organisation: 'funders are not tenants',
  funder_member: 'funders are not tenants',
  statistics_agreement: 'read by funders across associations; holds no personal data',
  audit_seal: 'the seal chain is global across associations and holds digests only',
  outbox_job: 'job rows carry ids only; the relay and sweep read them across associations',
};
