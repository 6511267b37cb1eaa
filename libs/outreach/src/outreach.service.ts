import { Injectable } from '@nestjs/common';
import { Site, UserRole } from '@app/access';
import { AuditService } from '@app/audit';
import { AccountStatus, UserAccount } from '@app/auth';
import type {
  OutreachChannel,
  OutreachOptions,
  OutreachPlaceKind,
  OutreachSessionView,
  OutreachTallies,
  Paged,
} from '@app/contracts';
import type { RequestContext } from '@app/platform';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { OutreachSession } from './outreach-session.entity';
import { outreachError, OutreachErrorCode } from './outreach.errors';
import { compact, outreachProblems } from './outreach.rules';

export interface NewOutreachSession {
  siteId: string;
  heldOn: string;
  placeKind: OutreachPlaceKind;
  channel?: OutreachChannel | null;
  durationMinutes?: number | null;
  teamMemberIds: string[];
  tallies: OutreachTallies;
}

const OUTREACH_ROLES = ['social_worker', 'coordinator', 'outreach_volunteer'];

function view(row: OutreachSession): OutreachSessionView {
  const t = row.tallies;
  return {
    id: row.id,
    siteId: row.siteId,
    heldOn: row.heldOn,
    placeKind: row.placeKind as OutreachPlaceKind,
    channel: row.channel as OutreachChannel | null,
    durationMinutes: row.durationMinutes,
    teamMemberIds: row.teamMemberIds,
    tallies: {
      peopleMet: row.peopleMet,
      newContacts: row.newContacts,
      gender: t.gender ?? {},
      firstLanguage: t.firstLanguage ?? {},
      materials: t.materials ?? {},
      orientations: t.orientations ?? {},
    },
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Outreach sessions: anonymous tallies, no person's data (DESIGN.md: the volunteer's whole job). */
@Injectable()
export class OutreachService {
  constructor(private readonly audit: AuditService) {}

  private association(ctx: RequestContext): string {
    if (!ctx.associationId) throw outreachError(OutreachErrorCode.NoAssociation);
    return ctx.associationId;
  }

  /** The sites the caller may log for (their own when limited) and the staff who may go out. */
  async options(ctx: RequestContext): Promise<OutreachOptions> {
    const association = this.association(ctx);
    const limited = ctx.actor?.siteIds ?? [];
    const sites = await ctx
      .repo(Site)
      .find({ where: limited.length ? { id: In([...limited]) } : {}, order: { name: 'ASC' } });
    const roles = await ctx.repo(UserRole).find({ where: { role: In(OUTREACH_ROLES) } });
    const members = roles.length
      ? await ctx.repo(UserAccount).find({
          // Accounts are exempt from row-level security: filtered by association here.
          where: {
            id: In([...new Set(roles.map((r) => r.userId))]),
            associationId: association,
            status: AccountStatus.Active,
          },
          order: { displayName: 'ASC' },
        })
      : [];
    return {
      sites: sites.map((s) => ({ id: s.id, name: s.name })),
      members: members.map((m) => ({ id: m.id, displayName: m.displayName })),
    };
  }

  async list(ctx: RequestContext, page: number, pageSize: number): Promise<Paged<OutreachSessionView>> {
    this.association(ctx);
    const limited = ctx.actor?.siteIds ?? [];
    const [rows, total] = await ctx.repo(OutreachSession).findAndCount({
      where: limited.length ? { siteId: In([...limited]) } : {},
      order: { heldOn: 'DESC', createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(view), page, pageSize, total };
  }

  async create(ctx: RequestContext, input: NewOutreachSession): Promise<OutreachSessionView> {
    const association = this.association(ctx);
    const limited = ctx.actor?.siteIds ?? [];
    const site = await ctx.repo(Site).findOne({ where: { id: input.siteId } });
    if (!site || (limited.length && !limited.includes(site.id))) {
      throw outreachError(OutreachErrorCode.SiteNotAllowed, [{ field: 'siteId', code: 'notAllowed' }]);
    }
    const memberIds = [...new Set([...(ctx.actor ? [ctx.actor.userId] : []), ...input.teamMemberIds])];
    const known = await ctx.repo(UserRole).find({ where: { userId: In(memberIds), role: In(OUTREACH_ROLES) } });
    if (new Set(known.map((r) => r.userId)).size !== memberIds.length) {
      throw outreachError(OutreachErrorCode.MemberNotFound, [{ field: 'teamMemberIds', code: 'notAMember' }]);
    }
    const channel = input.channel ?? null;
    const problems = outreachProblems({
      heldOn: input.heldOn,
      today: format(new TZDate(ctx.now, 'Europe/Paris'), 'yyyy-MM-dd'),
      placeKind: input.placeKind,
      channel,
      tallies: input.tallies,
    });
    if (problems.length) throw outreachError(OutreachErrorCode.Inconsistent, problems);
    const id = randomUUID();
    await ctx.repo(OutreachSession).insert({
      id,
      associationId: association,
      siteId: site.id,
      heldOn: input.heldOn,
      placeKind: input.placeKind,
      channel,
      durationMinutes: input.durationMinutes ?? null,
      teamMemberIds: memberIds,
      peopleMet: input.tallies.peopleMet,
      newContacts: input.tallies.newContacts,
      tallies: {
        gender: compact(input.tallies.gender),
        firstLanguage: compact(input.tallies.firstLanguage),
        materials: compact(input.tallies.materials),
        orientations: compact(input.tallies.orientations),
      },
      createdBy: ctx.actor?.userId ?? null,
    });
    await this.audit.record(ctx, {
      action: 'outreach.created',
      objectType: 'outreach_session',
      objectId: id,
      siteId: site.id,
    });
    return view(await ctx.repo(OutreachSession).findOneByOrFail({ id }));
  }
}
