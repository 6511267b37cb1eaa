import { Injectable } from '@nestjs/common';
import { Keys, openWithKek, sealWithKek, type RequestContext } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { IsNull, MoreThan } from 'typeorm';
import { accessError, AccessErrorCode } from './access.errors';
import { BreakGlassGrant } from './break-glass-grant.entity';
import { OrganisationService } from './organisation.service';

const PURPOSE = 'break_glass_reason';
const aad = (id: string, associationId: string) => `break_glass_grant.reason.${id}.${associationId}`;

export interface GrantView {
  id: string;
  userId: string;
  personId: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  reviewedAt: string | null;
}

/**
 * Breaking the glass (DESIGN.md): a social worker opens a file outside their team by stating a
 * reason; the grant lasts `breakGlassHours` and is listed for the DPO's review. The person-files
 * lib calls `activeGrant` in its record scope.
 */
@Injectable()
export class BreakGlassService {
  constructor(
    private readonly keys: Keys,
    private readonly organisation: OrganisationService,
  ) {}

  async open(ctx: RequestContext, personId: string, reason: string): Promise<GrantView> {
    const associationId = ctx.associationId;
    const userId = ctx.actor?.userId;
    if (!associationId || !userId) throw accessError(AccessErrorCode.Forbidden);
    const trimmed = reason.trim();
    if (trimmed.length < 10) throw accessError(AccessErrorCode.BreakGlassReasonRequired);
    const { breakGlassHours } = await this.organisation.association(ctx);
    const id = randomUUID();
    const grant = ctx.repo(BreakGlassGrant).create({
      id,
      associationId,
      userId,
      personId,
      reason: sealWithKek(this.keys, PURPOSE, aad(id, associationId), Buffer.from(trimmed, 'utf8')),
      grantedAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + breakGlassHours * 3_600_000),
      reviewedAt: null,
      reviewedBy: null,
    });
    await ctx.repo(BreakGlassGrant).insert(grant);
    return this.view(grant);
  }

  async activeGrant(ctx: RequestContext, personId: string): Promise<BreakGlassGrant | null> {
    const userId = ctx.actor?.userId;
    if (!userId) return null;
    return ctx.repo(BreakGlassGrant).findOne({ where: { userId, personId, expiresAt: MoreThan(ctx.now) } });
  }

  async listForReview(ctx: RequestContext, includeReviewed = false): Promise<GrantView[]> {
    const grants = await ctx.repo(BreakGlassGrant).find({
      where: includeReviewed ? {} : { reviewedAt: IsNull() },
      order: { grantedAt: 'DESC' },
      take: 200,
    });
    return grants.map((g) => this.view(g));
  }

  async markReviewed(ctx: RequestContext, id: string): Promise<GrantView> {
    const grant = await ctx.repo(BreakGlassGrant).findOne({ where: { id } });
    if (!grant) throw accessError(AccessErrorCode.GrantNotFound);
    if (!grant.reviewedAt) {
      grant.reviewedAt = ctx.now;
      grant.reviewedBy = ctx.actor?.userId ?? null;
      await ctx.repo(BreakGlassGrant).update({ id }, { reviewedAt: grant.reviewedAt, reviewedBy: grant.reviewedBy });
    }
    return this.view(grant);
  }

  private view(g: BreakGlassGrant): GrantView {
    return {
      id: g.id,
      userId: g.userId,
      personId: g.personId,
      reason: openWithKek(this.keys, PURPOSE, aad(g.id, g.associationId), g.reason).toString('utf8'),
      grantedAt: g.grantedAt.toISOString(),
      expiresAt: g.expiresAt.toISOString(),
      reviewedAt: g.reviewedAt ? g.reviewedAt.toISOString() : null,
    };
  }
}
