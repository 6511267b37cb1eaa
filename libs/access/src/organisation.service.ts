import { Injectable } from '@nestjs/common';
import {
  DEFAULT_MFA_ROLES,
  REMINDER_LEAD_TIME_NAMES,
  type AssociationSettingsView,
  type ReminderLeadTimes,
  type SiteView,
  type TeamView,
} from '@app/contracts';
import { updateVersioned, type RequestContext } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { accessError, AccessErrorCode } from './access.errors';
import { Association } from './association.entity';
import { FunderOrganisation, StatisticsAgreement } from './funder.entity';
import { Site } from './site.entity';
import { Team } from './team.entity';

export interface NewAssociation {
  name: string;
  approvalDepartements?: string[];
  approvalGrantedOn?: string | null;
  approvalExpiresOn?: string | null;
  /** Roles that must use a second factor; DEFAULT_MFA_ROLES unless given. */
  mfaRequiredRoles?: readonly string[];
}

export interface SettingsChange extends Partial<ReminderLeadTimes> {
  version: number;
  mfaRequiredRoles?: string[];
  breakGlassHours?: number;
}

const siteView = (s: Site): SiteView => ({
  id: s.id,
  name: s.name,
  code: s.code,
  departement: s.departement,
  version: s.version,
});
const teamView = (t: Team): TeamView => ({ id: t.id, name: t.name, siteId: t.siteId, version: t.version });

function requireAssociation(ctx: RequestContext): string {
  if (!ctx.associationId) throw accessError(AccessErrorCode.Forbidden);
  return ctx.associationId;
}

/**
 * Associations, sites, teams, funders and agreements. Reads run under row-level security: every
 * query is in the caller's association, and ids of other associations are simply not found.
 */
@Injectable()
export class OrganisationService {
  // ── operator (CLI): the caller's context carries the association being provisioned ──

  async findAssociationByName(ctx: RequestContext, name: string): Promise<Association | null> {
    return ctx.repo(Association).findOne({ where: { name } });
  }

  /** Provisioning: the context's tenant must be `id` (RLS is forced, even for the owner). */
  async createAssociation(ctx: RequestContext, id: string, input: NewAssociation): Promise<Association> {
    const association = ctx.repo(Association).create({
      id,
      name: input.name,
      approvalDepartements: input.approvalDepartements ?? [],
      approvalGrantedOn: input.approvalGrantedOn ?? null,
      approvalExpiresOn: input.approvalExpiresOn ?? null,
      mfaRequiredRoles: [...(input.mfaRequiredRoles ?? DEFAULT_MFA_ROLES)],
    });
    return ctx.repo(Association).save(association);
  }

  async findOrCreateFunder(
    ctx: RequestContext,
    name: string,
  ): Promise<{ funder: FunderOrganisation; created: boolean }> {
    const existing = await ctx.repo(FunderOrganisation).findOne({ where: { name } });
    if (existing) return { funder: existing, created: false };
    return {
      funder: await ctx.repo(FunderOrganisation).save(ctx.repo(FunderOrganisation).create({ name })),
      created: true,
    };
  }

  async ensureAgreement(
    ctx: RequestContext,
    funderId: string,
    associationId: string,
    signedOn: string,
  ): Promise<boolean> {
    const existing = await ctx.repo(StatisticsAgreement).findOne({ where: { funderId, associationId } });
    if (existing) return false;
    await ctx.repo(StatisticsAgreement).insert({ funderId, associationId, signedOn });
    return true;
  }

  // ── sites ──

  async listSites(ctx: RequestContext): Promise<SiteView[]> {
    requireAssociation(ctx);
    return (await ctx.repo(Site).find({ order: { code: 'ASC' } })).map(siteView);
  }

  async findSite(ctx: RequestContext, id: string): Promise<Site> {
    const site = await ctx.repo(Site).findOne({ where: { id, associationId: requireAssociation(ctx) } });
    if (!site) throw accessError(AccessErrorCode.SiteNotFound);
    return site;
  }

  async findSiteByCode(ctx: RequestContext, code: string): Promise<Site | null> {
    return ctx.repo(Site).findOne({ where: { code: code.toUpperCase(), associationId: requireAssociation(ctx) } });
  }

  async createSite(ctx: RequestContext, input: { name: string; code: string; departement: string }): Promise<SiteView> {
    const associationId = requireAssociation(ctx);
    const code = input.code.toUpperCase();
    if (await ctx.repo(Site).exists({ where: { associationId, code } }))
      throw accessError(AccessErrorCode.SiteCodeTaken);
    const site = await ctx
      .repo(Site)
      .save(ctx.repo(Site).create({ associationId, name: input.name.trim(), code, departement: input.departement }));
    return siteView(site);
  }

  async updateSite(
    ctx: RequestContext,
    id: string,
    change: { version: number; name?: string; departement?: string },
  ): Promise<SiteView> {
    await this.findSite(ctx, id);
    const { version, ...fields } = change;
    await updateVersioned(ctx.manager, Site, id, version, {
      ...fields,
      ...(fields.name ? { name: fields.name.trim() } : {}),
    });
    return siteView(await this.findSite(ctx, id));
  }

  // ── teams ──

  async listTeams(ctx: RequestContext): Promise<TeamView[]> {
    requireAssociation(ctx);
    return (await ctx.repo(Team).find({ order: { name: 'ASC' } })).map(teamView);
  }

  async findTeam(ctx: RequestContext, id: string): Promise<Team> {
    const team = await ctx.repo(Team).findOne({ where: { id, associationId: requireAssociation(ctx) } });
    if (!team) throw accessError(AccessErrorCode.TeamNotFound);
    return team;
  }

  async createTeam(ctx: RequestContext, input: { name: string; siteId: string }): Promise<TeamView> {
    const associationId = requireAssociation(ctx);
    const site = await this.findSite(ctx, input.siteId);
    const name = input.name.trim();
    if (await ctx.repo(Team).exists({ where: { associationId, siteId: site.id, name } }))
      throw accessError(AccessErrorCode.TeamNameTaken);
    return teamView(
      await ctx.repo(Team).save(ctx.repo(Team).create({ id: randomUUID(), associationId, siteId: site.id, name })),
    );
  }

  async updateTeam(ctx: RequestContext, id: string, change: { version: number; name: string }): Promise<TeamView> {
    await this.findTeam(ctx, id);
    await updateVersioned(ctx.manager, Team, id, change.version, { name: change.name.trim() });
    return teamView(await this.findTeam(ctx, id));
  }

  // ── settings ──

  async association(ctx: RequestContext): Promise<Association> {
    const association = await ctx.repo(Association).findOne({ where: { id: requireAssociation(ctx) } });
    if (!association) throw accessError(AccessErrorCode.AssociationNotFound);
    return association;
  }

  async settings(ctx: RequestContext): Promise<AssociationSettingsView> {
    const a = await this.association(ctx);
    return {
      mfaRequiredRoles: a.mfaRequiredRoles as AssociationSettingsView['mfaRequiredRoles'],
      breakGlassHours: a.breakGlassHours,
      noContactDays: a.noContactDays,
      retentionYears: a.retentionYears,
      appointmentLeadDays: a.appointmentLeadDays,
      documentExpiryLeadDays: a.documentExpiryLeadDays,
      approvalRenewalLeadMonths: a.approvalRenewalLeadMonths,
      version: a.version,
    };
  }

  /**
   * Saves the settings sent (409 on a stale version) and says which reminder lead times changed: the
   * caller moves the reminders they govern (the sources are in libs access cannot reach).
   */
  async updateSettings(
    ctx: RequestContext,
    change: SettingsChange,
  ): Promise<{ settings: AssociationSettingsView; leadTimesChanged: (keyof ReminderLeadTimes)[] }> {
    const before = await this.settings(ctx);
    const { version, ...fields } = change;
    // Only the fields sent: an absent one (undefined on the DTO instance) keeps its value.
    const sent = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    await updateVersioned(ctx.manager, Association, requireAssociation(ctx), version, sent);
    const settings = await this.settings(ctx);
    return { settings, leadTimesChanged: REMINDER_LEAD_TIME_NAMES.filter((name) => settings[name] !== before[name]) };
  }
}
