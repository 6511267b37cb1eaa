import { approvalReminders, FunderMember, OrganisationService, UserRole, UsersAdminService } from '@app/access';
import { RemindersService } from '@app/reminders';
import { AccountsService, AuthService, AuthSettings, type ResetLink } from '@app/auth';
import { Role } from '@app/contracts';
import { AppError, Clock, FieldCipher, inTransaction, Keys, SystemClock, type RequestContext } from '@app/platform';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** An operator mistake, said in one line (unknown association, missing option…). */
export class ProvisioningError extends Error {}

export interface Outcome {
  created: boolean;
  message: string;
}

/**
 * What the operator provisions from the command line (DESIGN.md: associations, sites, funders,
 * agreements and first admins are not created through the web UI). Every step is idempotent and
 * runs as the owner, setting the association first where row-level security is forced.
 */
export class Provisioning {
  private readonly organisation = new OrganisationService();
  private readonly accounts = new AccountsService(new AuthSettings());
  private readonly users: UsersAdminService;
  private readonly reminders: RemindersService;

  constructor(
    private readonly owner: DataSource,
    keys: Keys,
    private readonly clock: Clock = new SystemClock(),
  ) {
    const auth = new AuthService(owner, keys, new AuthSettings(), clock);
    this.users = new UsersAdminService(this.accounts, auth, this.organisation);
    this.reminders = new RemindersService(new FieldCipher(keys));
  }

  private tx<T>(associationId: string | null, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    return inTransaction(this.owner, { requestId: 'cli', now: this.clock.now(), associationId }, work);
  }

  async associationId(name: string): Promise<string> {
    const found = await this.tx(null, (ctx) => this.organisation.findAssociationByName(ctx, name));
    if (!found) throw new ProvisioningError(`No association named "${name}" (create it with associations:create)`);
    return found.id;
  }

  async createAssociation(input: {
    name: string;
    departements: string[];
    approvalGrantedOn?: string;
    approvalExpiresOn?: string;
    /** Defaults to DEFAULT_MFA_ROLES. */
    mfaRequiredRoles?: Role[];
  }): Promise<Outcome & { id: string }> {
    const existing = await this.tx(null, (ctx) => this.organisation.findAssociationByName(ctx, input.name));
    if (existing) return { created: false, id: existing.id, message: `Association "${input.name}" exists.` };
    const id = randomUUID();
    await this.tx(id, async (ctx) => {
      await this.organisation.createAssociation(ctx, id, {
        name: input.name,
        approvalDepartements: input.departements,
        approvalGrantedOn: input.approvalGrantedOn ?? null,
        approvalExpiresOn: input.approvalExpiresOn ?? null,
        mfaRequiredRoles: input.mfaRequiredRoles,
      });
      // The approval's renewal, the association's lead time (6 months) before it expires, to its admins;
      // read back for the column defaults.
      const association = await this.organisation.association(ctx);
      await this.reminders.upsertForSource(ctx, { kind: 'association', id }, approvalReminders(association));
    });
    return { created: true, id, message: `Association "${input.name}" created.` };
  }

  async createSite(
    association: string,
    input: { name: string; code: string; departement: string },
  ): Promise<Outcome & { id: string }> {
    const associationId = await this.associationId(association);
    return this.tx(associationId, async (ctx) => {
      const existing = await this.organisation.findSiteByCode(ctx, input.code);
      if (existing) return { created: false, id: existing.id, message: `Site ${existing.code} exists.` };
      const site = await this.organisation.createSite(ctx, input);
      return { created: true, id: site.id, message: `Site ${site.code} created.` };
    });
  }

  async createTeam(association: string, siteCode: string, name: string): Promise<Outcome & { id: string }> {
    const associationId = await this.associationId(association);
    return this.tx(associationId, async (ctx) => {
      const site = await this.organisation.findSiteByCode(ctx, siteCode);
      if (!site) throw new ProvisioningError(`No site with the code ${siteCode} in "${association}"`);
      const existing = (await this.organisation.listTeams(ctx)).find(
        (t) => t.siteId === site.id && t.name === name.trim(),
      );
      if (existing) return { created: false, id: existing.id, message: `Team "${name}" exists.` };
      const team = await this.organisation.createTeam(ctx, { name, siteId: site.id });
      return { created: true, id: team.id, message: `Team "${name}" created.` };
    });
  }

  async createFunder(name: string): Promise<Outcome & { id: string }> {
    const { funder, created } = await this.tx(null, (ctx) => this.organisation.findOrCreateFunder(ctx, name));
    return { created, id: funder.id, message: `Funder "${name}" ${created ? 'created' : 'exists'}.` };
  }

  async createAgreement(funderName: string, association: string, signedOn: string): Promise<Outcome> {
    const associationId = await this.associationId(association);
    const created = await this.tx(null, async (ctx) => {
      const { funder, created: newFunder } = await this.organisation.findOrCreateFunder(ctx, funderName);
      if (newFunder) throw new ProvisioningError(`No funder named "${funderName}" (create it with funders:create)`);
      return this.organisation.ensureAgreement(ctx, funder.id, associationId, signedOn);
    });
    return { created, message: `Agreement ${funderName} ↔ ${association} ${created ? 'recorded' : 'exists'}.` };
  }

  /** An account with roles in an association, plus a reset link unless it already existed. */
  async createMember(
    association: string,
    input: { email: string; displayName: string; roles: Role[]; teamId?: string | null; siteIds?: string[] },
    baseUrl: string,
  ): Promise<Outcome & { userId: string; link: ResetLink | null }> {
    const associationId = await this.associationId(association);
    return this.tx(associationId, async (ctx) => {
      const existing = await this.accounts.findByEmail(ctx, input.email);
      if (existing) {
        if (existing.associationId !== associationId) {
          throw new ProvisioningError(`${input.email} belongs to another organisation`);
        }
        return { created: false, userId: existing.id, link: null, message: `${input.email} exists.` };
      }
      const invitation = await this.users.invite(
        ctx,
        {
          email: input.email,
          displayName: input.displayName,
          roles: input.roles,
          teamId: input.teamId ?? null,
          siteIds: input.siteIds,
        },
        baseUrl,
      );
      return {
        created: true,
        userId: invitation.user.id,
        link: { url: invitation.resetLink!, expiresAt: new Date(invitation.resetLinkExpiresAt) },
        message: `${input.email} created (${input.roles.join(', ')}).`,
      };
    });
  }

  async createFunderMember(
    funderName: string,
    input: { email: string; displayName: string },
    baseUrl: string,
  ): Promise<Outcome & { userId: string; link: ResetLink | null }> {
    return this.tx(null, async (ctx) => {
      const { funder, created: newFunder } = await this.organisation.findOrCreateFunder(ctx, funderName);
      if (newFunder) throw new ProvisioningError(`No funder named "${funderName}" (create it with funders:create)`);
      const existing = await this.accounts.findByEmail(ctx, input.email);
      if (existing) return { created: false, userId: existing.id, link: null, message: `${input.email} exists.` };
      const account = await this.accounts.create(ctx, { ...input, associationId: null });
      await ctx.repo(FunderMember).insert({ userId: account.id, funderId: funder.id });
      const link = await this.accounts.issueResetLink(ctx, account.id, baseUrl, null);
      return { created: true, userId: account.id, link, message: `${input.email} created (funder).` };
    });
  }

  async resetLink(email: string, baseUrl: string): Promise<ResetLink> {
    return this.tx(null, async (ctx) => {
      const account = await this.accounts.findByEmail(ctx, email);
      if (!account) throw new ProvisioningError(`No account with the email ${email}`);
      return this.accounts.issueResetLink(ctx, account.id, baseUrl, null);
    });
  }

  /** Demo data only: a known password instead of a reset link. */
  async setPassword(userId: string, password: string): Promise<void> {
    await this.tx(null, (ctx) => this.accounts.setPasswordForSeed(ctx, userId, password));
  }

  async rolesOf(association: string, userId: string): Promise<string[]> {
    const associationId = await this.associationId(association);
    return this.tx(associationId, async (ctx) =>
      (await ctx.repo(UserRole).find({ where: { userId } })).map((r) => r.role),
    );
  }
}

export function describeError(error: unknown): string {
  if (error instanceof ProvisioningError) return error.message;
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
