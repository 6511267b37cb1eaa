import { Injectable } from '@nestjs/common';
import { AccountsService, AccountStatus, AuthService, UserAccount } from '@app/auth';
import { Role, type InvitationResult, type Paged, type UserSummary } from '@app/contracts';
import { updateVersioned, type RequestContext } from '@app/platform';
import { In } from 'typeorm';
import { accessError, AccessErrorCode } from './access.errors';
import { TeamMember, UserRole, UserSite } from './membership.entity';
import { OrganisationService } from './organisation.service';

/** Roles an association's admin may hand out; funders are provisioned by the operator. */
export const ASSIGNABLE_ROLES: readonly Role[] = [
  Role.SocialWorker,
  Role.OutreachVolunteer,
  Role.Coordinator,
  Role.Admin,
  Role.Dpo,
];

export interface UserListFilter {
  page: number;
  pageSize: number;
  status?: AccountStatus;
  role?: Role;
}

export interface Invitation {
  email: string;
  displayName: string;
  roles: Role[];
  siteIds?: string[];
  teamId?: string | null;
}

function associationOf(ctx: RequestContext): string {
  if (!ctx.associationId) throw accessError(AccessErrorCode.Forbidden);
  return ctx.associationId;
}

/**
 * The admin screens' use cases. Accounts are exempt from row-level security (authentication comes
 * first), so every read here filters by the caller's association itself: another association's
 * user answers 404 like one that does not exist.
 */
@Injectable()
export class UsersAdminService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    private readonly organisation: OrganisationService,
  ) {}

  private async account(ctx: RequestContext, id: string): Promise<UserAccount> {
    const account = await ctx.repo(UserAccount).findOne({ where: { id, associationId: associationOf(ctx) } });
    if (!account) throw accessError(AccessErrorCode.UserNotFound);
    return account;
  }

  private async summaries(ctx: RequestContext, accounts: UserAccount[]): Promise<UserSummary[]> {
    const ids = accounts.map((a) => a.id);
    if (ids.length === 0) return [];
    const roles = await ctx.repo(UserRole).find({ where: { userId: In(ids) } });
    const sites = await ctx.repo(UserSite).find({ where: { userId: In(ids) } });
    const teams = await ctx.repo(TeamMember).find({ where: { userId: In(ids) } });
    return accounts.map((a) => ({
      id: a.id,
      email: a.email,
      displayName: a.displayName,
      status: a.status,
      roles: roles
        .filter((r) => r.userId === a.id)
        .map((r) => r.role as Role)
        .sort(),
      siteIds: sites
        .filter((s) => s.userId === a.id)
        .map((s) => s.siteId)
        .sort(),
      teamId: teams.find((t) => t.userId === a.id)?.teamId ?? null,
      mfaEnabled: a.mfaEnabled,
      mfaRequired: a.mfaRequired,
      version: a.version,
    }));
  }

  async list(ctx: RequestContext, filter: UserListFilter): Promise<Paged<UserSummary>> {
    const associationId = associationOf(ctx);
    const query = ctx
      .repo(UserAccount)
      .createQueryBuilder('u')
      .where('u.association_id = :associationId', { associationId })
      .orderBy('u.display_name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize);
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    if (filter.role) {
      query.andWhere('EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = :role)', {
        role: filter.role,
      });
    }
    const [accounts, total] = await query.getManyAndCount();
    return { items: await this.summaries(ctx, accounts), page: filter.page, pageSize: filter.pageSize, total };
  }

  async get(ctx: RequestContext, id: string): Promise<UserSummary> {
    const [summary] = await this.summaries(ctx, [await this.account(ctx, id)]);
    return summary;
  }

  async invite(ctx: RequestContext, invitation: Invitation, baseUrl: string): Promise<InvitationResult> {
    const associationId = associationOf(ctx);
    const account = await this.accounts.create(ctx, {
      email: invitation.email,
      displayName: invitation.displayName,
      associationId,
    });
    await this.writeRoles(ctx, account.id, invitation.roles);
    if (invitation.siteIds?.length) await this.writeSites(ctx, account.id, invitation.siteIds);
    if (invitation.teamId) await this.writeTeam(ctx, account.id, invitation.teamId);
    const link = await this.accounts.issueResetLink(ctx, account.id, baseUrl, ctx.actor?.userId ?? null);
    return {
      user: await this.get(ctx, account.id),
      resetLink: link.url,
      resetLinkExpiresAt: link.expiresAt.toISOString(),
    };
  }

  async updateProfile(
    ctx: RequestContext,
    id: string,
    change: { version: number; displayName: string },
  ): Promise<UserSummary> {
    await this.account(ctx, id);
    await updateVersioned(ctx.manager, UserAccount, id, change.version, { displayName: change.displayName.trim() });
    return this.get(ctx, id);
  }

  /** Replaces the roles; sets `mfa_required` from the association's setting; ends the user's sessions. */
  async setRoles(ctx: RequestContext, id: string, roles: Role[]): Promise<UserSummary> {
    await this.account(ctx, id);
    const unique = [...new Set(roles)];
    if (unique.some((r) => !ASSIGNABLE_ROLES.includes(r))) throw accessError(AccessErrorCode.RoleNotAssignable);
    if (id === ctx.actor?.userId && !unique.includes(Role.Admin))
      throw accessError(AccessErrorCode.CannotRemoveOwnAdmin);
    await this.writeRoles(ctx, id, unique);
    await this.auth.endSessions(ctx, id);
    return this.get(ctx, id);
  }

  private async writeRoles(ctx: RequestContext, userId: string, roles: Role[]): Promise<void> {
    const associationId = associationOf(ctx);
    if (roles.some((r) => !ASSIGNABLE_ROLES.includes(r))) throw accessError(AccessErrorCode.RoleNotAssignable);
    await ctx.repo(UserRole).delete({ userId });
    if (roles.length > 0) await ctx.repo(UserRole).insert(roles.map((role) => ({ userId, role, associationId })));
    const { mfaRequiredRoles } = await this.organisation.association(ctx);
    await this.accounts.setMfaRequired(
      ctx,
      userId,
      roles.some((r) => mfaRequiredRoles.includes(r)),
    );
  }

  async setSites(ctx: RequestContext, id: string, siteIds: string[]): Promise<UserSummary> {
    await this.account(ctx, id);
    await this.writeSites(ctx, id, siteIds);
    await this.auth.endSessions(ctx, id);
    return this.get(ctx, id);
  }

  private async writeSites(ctx: RequestContext, userId: string, siteIds: string[]): Promise<void> {
    const associationId = associationOf(ctx);
    const unique = [...new Set(siteIds)];
    for (const siteId of unique) await this.organisation.findSite(ctx, siteId);
    await ctx.repo(UserSite).delete({ userId });
    if (unique.length > 0) await ctx.repo(UserSite).insert(unique.map((siteId) => ({ userId, siteId, associationId })));
  }

  async setTeam(ctx: RequestContext, id: string, teamId: string | null): Promise<UserSummary> {
    await this.account(ctx, id);
    await this.writeTeam(ctx, id, teamId);
    await this.auth.endSessions(ctx, id);
    return this.get(ctx, id);
  }

  private async writeTeam(ctx: RequestContext, userId: string, teamId: string | null): Promise<void> {
    const associationId = associationOf(ctx);
    if (teamId) await this.organisation.findTeam(ctx, teamId);
    await ctx.repo(TeamMember).delete({ userId });
    if (teamId) await ctx.repo(TeamMember).insert({ userId, teamId, associationId });
  }

  async setStatus(ctx: RequestContext, id: string, status: AccountStatus): Promise<UserSummary> {
    await this.account(ctx, id);
    if (id === ctx.actor?.userId && status === AccountStatus.Disabled)
      throw accessError(AccessErrorCode.CannotDisableSelf);
    await this.accounts.setStatus(ctx, id, status);
    await this.auth.endSessions(ctx, id);
    return this.get(ctx, id);
  }

  async issueResetLink(
    ctx: RequestContext,
    id: string,
    baseUrl: string,
  ): Promise<{ url: string; expiresAt: Date; email: string }> {
    const account = await this.account(ctx, id);
    const link = await this.accounts.issueResetLink(ctx, id, baseUrl, ctx.actor?.userId ?? null);
    return { ...link, email: account.email };
  }

  async resetMfa(ctx: RequestContext, id: string): Promise<UserSummary> {
    await this.account(ctx, id);
    await this.accounts.resetMfa(ctx, id);
    await this.auth.endSessions(ctx, id);
    return this.get(ctx, id);
  }
}
