import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { CaseworkService } from '@app/casework';
import type { PartnerKind, PartnerView, ReferralOutcome, ReferralView, SharedCategory } from '@app/contracts';
import { PeopleService } from '@app/people';
import { FieldCipher, updateVersioned, type RequestContext } from '@app/platform';
import { RemindersService } from '@app/reminders';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { Partner, Referral } from './partner.entity';
import { partnersError, PartnersErrorCode } from './partners.errors';
import { followUpPlan, kindPurpose, referralJournalText, sharingDecision } from './referrals.rules';

export interface PartnerInput {
  kind: PartnerKind;
  name: string;
  contactName?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface PartnerChange extends Partial<PartnerInput> {
  version: number;
  active?: boolean;
}

export interface NewReferral {
  partnerId: string;
  reason: string;
  referredOn: string;
  outcome?: ReferralOutcome;
  followUpOn?: string | null;
  sharedCategories: SharedCategory[];
  pseudonymous: boolean;
}

export interface ReferralChange {
  version: number;
  outcome?: ReferralOutcome;
  followUpOn?: string | null;
}

const reasonOf = (id: string) => ({ table: 'referral', column: 'reason', rowId: id });

function partnerView(p: Partner): PartnerView {
  return {
    id: p.id,
    kind: p.kind as PartnerKind,
    name: p.name,
    contactName: p.contactName,
    phone: p.phone,
    email: p.email,
    address: p.address,
    active: p.active,
    version: p.version,
  };
}

/**
 * The partners directory of the association and the referrals of persons to them. A referral is
 * refused unless the consent ledger covers the sharing it records (`sharingDecision`).
 */
@Injectable()
export class PartnersService {
  constructor(
    private readonly people: PeopleService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly casework: CaseworkService,
    private readonly reminders: RemindersService,
  ) {}

  // ── directory ──

  async listPartners(ctx: RequestContext, includeArchived: boolean): Promise<PartnerView[]> {
    const rows = await ctx.repo(Partner).find({
      where: includeArchived ? {} : { active: true },
      order: { kind: 'ASC', name: 'ASC', id: 'ASC' },
    });
    return rows.map(partnerView);
  }

  async createPartner(ctx: RequestContext, input: PartnerInput): Promise<PartnerView> {
    const id = randomUUID();
    await ctx.repo(Partner).insert({
      id,
      associationId: ctx.associationId!,
      kind: input.kind,
      name: input.name.trim(),
      contactName: input.contactName ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      address: input.address ?? null,
      active: true,
    });
    await this.audit.record(ctx, { action: 'partner.created', objectType: 'partner', objectId: id });
    return partnerView(await ctx.repo(Partner).findOneByOrFail({ id }));
  }

  async updatePartner(ctx: RequestContext, id: string, change: PartnerChange): Promise<PartnerView> {
    if (!(await ctx.repo(Partner).exists({ where: { id } }))) throw partnersError(PartnersErrorCode.PartnerNotFound);
    const { version, ...fields } = change;
    if (fields.name !== undefined) fields.name = fields.name.trim();
    await updateVersioned(ctx.manager, Partner, id, version, fields);
    await this.audit.record(ctx, { action: 'partner.updated', objectType: 'partner', objectId: id });
    return partnerView(await ctx.repo(Partner).findOneByOrFail({ id }));
  }

  // ── referrals ──

  private async views(ctx: RequestContext, rows: Referral[]): Promise<ReferralView[]> {
    const partners = new Map(
      (await ctx.repo(Partner).find({ where: { id: In([...new Set(rows.map((r) => r.partnerId))]) } })).map((p) => [
        p.id,
        p,
      ]),
    );
    const reasons = await this.cipher.decryptManyText(
      ctx,
      rows.map((r) => ({ place: reasonOf(r.id), ciphertext: r.reason })),
    );
    return rows.map((r, i) => ({
      id: r.id,
      personId: r.personId,
      partnerId: r.partnerId,
      partnerKind: (partners.get(r.partnerId)?.kind ?? 'other') as PartnerKind,
      partnerName: partners.get(r.partnerId)?.name ?? '',
      reason: reasons[i],
      referredOn: r.referredOn,
      outcome: r.outcome as ReferralOutcome,
      followUpOn: r.followUpOn,
      sharedCategories: r.sharedCategories as SharedCategory[],
      pseudonymous: r.pseudonymous,
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    }));
  }

  async listReferrals(ctx: RequestContext, personId: string): Promise<ReferralView[]> {
    const person = await this.people.requireInScope(ctx, personId);
    const rows = await ctx
      .repo(Referral)
      .find({ where: { personId: person.id }, order: { referredOn: 'DESC', createdAt: 'DESC' } });
    await this.audit.record(ctx, {
      action: 'referral.listed',
      objectType: 'person',
      objectId: person.id,
      siteId: person.siteId,
    });
    return this.views(ctx, rows);
  }

  async createReferral(ctx: RequestContext, personId: string, input: NewReferral): Promise<ReferralView> {
    const person = await this.people.placementInScope(ctx, personId);
    const partner = await ctx.repo(Partner).findOne({ where: { id: input.partnerId } });
    if (!partner) throw partnersError(PartnersErrorCode.PartnerNotFound, [{ field: 'partnerId', code: 'notFound' }]);
    if (!partner.active)
      throw partnersError(PartnersErrorCode.PartnerInactive, [{ field: 'partnerId', code: 'archived' }]);
    if (input.followUpOn && input.followUpOn < input.referredOn) {
      throw partnersError(PartnersErrorCode.FollowUpBeforeReferral, [
        { field: 'followUpOn', code: 'beforeReferredOn' },
      ]);
    }
    const kind = partner.kind as PartnerKind;
    const decision = sharingDecision({
      kind,
      pseudonymous: input.pseudonymous,
      categories: input.sharedCategories,
      consents: {
        partnerKind: await this.people.hasConsent(ctx, person.id, kindPurpose(kind)),
        namedPartner: await this.people.hasConsent(ctx, person.id, 'share_partner', partner.id),
        pseudonymous: await this.people.hasConsent(ctx, person.id, 'share_pseudonymous'),
      },
    });
    if (!decision.allowed) {
      throw decision.reason === 'identifying_in_pseudonymous'
        ? partnersError(PartnersErrorCode.PseudonymousIdentifying, [
            { field: 'sharedCategories', code: 'identifyingInPseudonymous' },
          ])
        : partnersError(
            PartnersErrorCode.ConsentRequired,
            decision.purposes.map((purpose) => ({ field: 'consent', code: purpose })),
          );
    }
    const id = randomUUID();
    await ctx.repo(Referral).insert({
      id,
      associationId: ctx.associationId!,
      personId: person.id,
      partnerId: partner.id,
      reason: await this.cipher.encryptText(ctx, reasonOf(id), input.reason),
      referredOn: input.referredOn,
      outcome: input.outcome ?? 'pending',
      followUpOn: input.followUpOn ?? null,
      sharedCategories: [...new Set(input.sharedCategories)],
      pseudonymous: input.pseudonymous,
      createdBy: ctx.actor?.userId ?? null,
    });
    await this.audit.record(ctx, {
      action: 'referral.created',
      objectType: 'person',
      objectId: person.id,
      siteId: person.siteId,
      detail: id,
    });
    // The file's timeline shows the orientation (not a contact with the person: no attendee).
    await this.casework.logEvent(ctx, person.id, {
      type: 'orientation',
      attendees: [],
      text: referralJournalText({
        partnerName: partner.name,
        kind,
        pseudonymous: input.pseudonymous,
        categories: [...new Set(input.sharedCategories)],
      }),
    });
    const row = await ctx.repo(Referral).findOneByOrFail({ id });
    await this.syncReminder(ctx, row, person);
    const [view] = await this.views(ctx, [row]);
    return view;
  }

  async updateReferral(
    ctx: RequestContext,
    personId: string,
    referralId: string,
    change: ReferralChange,
  ): Promise<ReferralView> {
    const person = await this.people.placementInScope(ctx, personId);
    const row = await ctx.repo(Referral).findOne({ where: { id: referralId, personId: person.id } });
    if (!row) throw partnersError(PartnersErrorCode.ReferralNotFound);
    if (change.followUpOn && change.followUpOn < row.referredOn) {
      throw partnersError(PartnersErrorCode.FollowUpBeforeReferral, [
        { field: 'followUpOn', code: 'beforeReferredOn' },
      ]);
    }
    const fields: Partial<Referral> = {};
    if (change.outcome !== undefined) fields.outcome = change.outcome;
    if (change.followUpOn !== undefined) fields.followUpOn = change.followUpOn;
    await updateVersioned(ctx.manager, Referral, row.id, change.version, fields);
    await this.audit.record(ctx, {
      action: 'referral.updated',
      objectType: 'person',
      objectId: person.id,
      siteId: person.siteId,
      detail: row.id,
    });
    const updated = await ctx.repo(Referral).findOneByOrFail({ id: row.id });
    await this.syncReminder(ctx, updated, person);
    const [view] = await this.views(ctx, [updated]);
    return view;
  }

  /**
   * The follow-up date reminds the person's referent on that day while the referral is open; an
   * outcome that ends it marks the reminder done, a cancellation or a cleared date cancels it
   * (`followUpPlan`). In the transaction of the change.
   */
  private async syncReminder(
    ctx: RequestContext,
    referral: Referral,
    person: { referentId: string | null; siteId: string },
  ): Promise<void> {
    const source = { kind: 'referral', id: referral.id };
    const plan = followUpPlan(
      { personId: referral.personId, outcome: referral.outcome as ReferralOutcome, followUpOn: referral.followUpOn },
      person,
    );
    if (plan.action === 'done') await this.reminders.completeForSource(ctx, source, ctx.actor?.userId ?? null);
    else await this.reminders.upsertForSource(ctx, source, plan.reminders);
  }
}
