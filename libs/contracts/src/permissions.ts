import { Role } from './roles';

/**
 * What each role may do (DESIGN.md "Who uses it"). The API checks these on every route; the web UI
 * uses the same table to show each role only what it may use.
 */
export enum Permission {
  /** Signed in, whatever the role: own account, own notifications. */
  Self = 'self',
  UsersRead = 'users.read',
  UsersManage = 'users.manage',
  OrganisationRead = 'organisation.read',
  OrganisationManage = 'organisation.manage',
  SettingsRead = 'settings.read',
  SettingsManage = 'settings.manage',
  CaseloadRead = 'caseload.read',
  CaseloadAssign = 'caseload.assign',
  PersonRead = 'person.read',
  PersonWrite = 'person.write',
  BreakGlass = 'person.break_glass',
  AccessLogRead = 'person.access_log',
  OutreachWrite = 'outreach.write',
  PartnersRead = 'partners.read',
  PartnersManage = 'partners.manage',
  ReportsRead = 'reports.read',
  RetentionReview = 'retention.review',
  AuditRead = 'audit.read',
  BreakGlassReview = 'audit.break_glass_review',
  SubjectRights = 'audit.subject_rights',
  JobsManage = 'jobs.manage',
  StatisticsRead = 'statistics.read',
  ApiTokensManage = 'api_tokens.manage',
}

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.SocialWorker]: [
    Permission.Self,
    Permission.OrganisationRead,
    Permission.CaseloadRead,
    Permission.PersonRead,
    Permission.PersonWrite,
    Permission.BreakGlass,
    Permission.OutreachWrite,
    Permission.PartnersRead,
  ],
  [Role.OutreachVolunteer]: [Permission.Self, Permission.OutreachWrite],
  [Role.Coordinator]: [
    Permission.Self,
    Permission.OrganisationRead,
    Permission.UsersRead,
    Permission.CaseloadRead,
    Permission.CaseloadAssign,
    Permission.PersonRead,
    Permission.PersonWrite,
    Permission.AccessLogRead,
    Permission.OutreachWrite,
    Permission.PartnersRead,
    Permission.PartnersManage,
    Permission.ReportsRead,
    Permission.RetentionReview,
  ],
  [Role.Admin]: [
    Permission.Self,
    Permission.OrganisationRead,
    Permission.OrganisationManage,
    Permission.UsersRead,
    Permission.UsersManage,
    Permission.SettingsRead,
    Permission.SettingsManage,
    Permission.JobsManage,
    Permission.PartnersRead,
    Permission.PartnersManage,
  ],
  [Role.Dpo]: [
    Permission.Self,
    Permission.OrganisationRead,
    Permission.AuditRead,
    Permission.BreakGlassReview,
    Permission.SubjectRights,
    Permission.AccessLogRead,
  ],
  [Role.Funder]: [Permission.Self, Permission.StatisticsRead, Permission.ApiTokensManage],
};

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role as Role] ?? []) granted.add(p);
  return granted;
}

/** Roles whose accounts must use a second factor by default (a setting per association). */
export const DEFAULT_MFA_ROLES: readonly Role[] = [Role.Coordinator, Role.Admin, Role.Dpo];
