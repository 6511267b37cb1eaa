import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import type {
  AfisRefusalReason,
  CommissionAgenda,
  CommissionFileRow,
  CommissionOpinion,
  CommissionSessionDetail,
  CommissionSessionView,
  DeadlineItem,
  GoalDomain,
  GoalStatus,
  GoalView,
  PathwayEndReason,
  PathwayEventKind,
  PathwayKind,
  PathwaySettings,
  PathwaySettingsView,
  PathwayState,
  PathwayView,
  PersonIdentity,
  RightKind,
  RightView,
  SituationSnapshotView,
} from '@app/contracts';
import { displayName, Person, readsCaseContent, scopeFilter } from '@app/people';
import { FieldCipher, updateVersioned, versionConflict, type RequestContext } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { differenceInCalendarDays, parseISO } from 'date-fns';
import { RemindersService, type ReminderInput } from '@app/reminders';
import { isCalendarDate, parisToday, plusDays, type CalendarDate } from './dates';
import { deadlinesFor, type DeadlinePathway } from './deadlines.rules';
import {
  CommissionSession,
  Pathway,
  PathwayEvent,
  PathwayGoal,
  PathwayPeriod,
  PathwaySnapshot,
  PersonRight,
} from './pathway.entity';
import {
  allowedEvents,
  applyEvent,
  INITIAL_STATE,
  PathwayRuleCode,
  type PathwayFacts,
  type Period,
} from './pathway.rules';
import { afisAmountCents, pathwaySettings } from './pathway.settings';

/** Every future deadline goes to the reminder store, not only those within the view's horizon. */
const UNBOUNDED_HORIZON_DAYS = 100 * 366;
import { pathwaysError, PathwaysErrorCode } from './pathways.errors';
import { checkRight, situationOn, type RightFacts } from './rights.rules';

export interface NewPathway {
  kind: PathwayKind;
  openedOn: string;
  departement?: string | null;
}

export interface NewPathwayEvent {
  kind: PathwayEventKind;
  on: string;
  decisionReference?: string | null;
  opinion?: CommissionOpinion | null;
  commissionSessionId?: string | null;
  startsOn?: string | null;
  notifiedOn?: string | null;
  endReason?: PathwayEndReason | null;
}

export interface NewGoal {
  domain: GoalDomain;
  title: string;
  status?: GoalStatus;
  targetOn?: string | null;
  outcome?: string | null;
}

export interface GoalChange {
  version: number;
  title?: string;
  status?: GoalStatus;
  targetOn?: string | null;
  outcome?: string | null;
}

export interface RightInput {
  kind: RightKind;
  status: string;
  situation?: string | null;
  requestedOn?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  receiptUntil?: string | null;
  refusalReason?: AfisRefusalReason | null;
  children?: number | null;
  decisionEventId?: string | null;
}

export type RightChange = Partial<Omit<RightInput, 'kind'>> & { version: number };

export interface DeadlineQuery {
  personId?: string;
  personIds?: string[];
  scope?: 'mine' | 'all';
}

const GRANTS: readonly PathwayEventKind[] = ['authorise', 'appeal_granted'];

function associationOf(ctx: RequestContext): string {
  if (!ctx.associationId) throw pathwaysError(PathwaysErrorCode.NoCaseContent);
  return ctx.associationId;
}

const goalPlace = (rowId: string) => ({ table: 'pathway_goal', column: 'content', rowId });

const rightFacts = (r: PersonRight): RightFacts => ({
  kind: r.kind as RightKind,
  status: r.status,
  situation: r.situation,
  requestedOn: r.requestedOn,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  receiptUntil: r.receiptUntil,
  refusalReason: r.refusalReason,
});

const rightView = (r: PersonRight): RightView => ({
  id: r.id,
  personId: r.personId,
  kind: r.kind as RightKind,
  status: r.status,
  situation: r.situation,
  requestedOn: r.requestedOn,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  receiptUntil: r.receiptUntil,
  refusalReason: r.refusalReason as AfisRefusalReason | null,
  children: r.children,
  monthlyAmountCents: r.monthlyAmountCents,
  decisionEventId: r.decisionEventId,
  version: r.version,
});

const sessionView = (s: CommissionSession, filesExamined: number): CommissionSessionView => ({
  id: s.id,
  departement: s.departement,
  heldOn: s.heldOn,
  filesExamined,
  version: s.version,
});

/** Replays the stored log into the facts the rules need. */
function factsOf(p: Pathway, events: PathwayEvent[], periods: PathwayPeriod[]): PathwayFacts {
  const changes = events.filter((e) => e.kind !== 'complaint');
  const last = (kinds: string[]) => [...changes].reverse().find((e) => kinds.includes(e.kind)) ?? null;
  const refusal = last(['refuse']);
  return {
    kind: p.kind as PathwayKind,
    state: p.state as PathwayState,
    openedOn: p.openedOn,
    lastOn: changes.reduce((max, e) => (e.occurredOn > max ? e.occurredOn : max), p.openedOn),
    submittedOn: last(['submit', 'submit_renewal'])?.occurredOn ?? null,
    refusedOn: refusal?.occurredOn ?? null,
    refusalNotifiedOn: refusal ? (refusal.notifiedOn ?? refusal.occurredOn) : null,
    periods: periods.map((x) => ({
      number: x.number,
      startsOn: x.startsOn,
      endsOn: x.endsOn,
      decisionOn: x.decisionOn,
      gapDays: x.gapDays,
    })),
  };
}

/**
 * Pathways (support and PSP), their event log and periods, goals, rights, commission sessions and
 * deadlines. A pathway is reached through its person: out of the caller's scope, 404. Every read
 * and write is audited in the caller's transaction, ids only.
 */
@Injectable()
export class PathwaysService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly reminders: RemindersService,
  ) {}

  // ── scope and settings ──

  private scopedPeople(ctx: RequestContext) {
    if (!readsCaseContent(ctx.actor)) throw pathwaysError(PathwaysErrorCode.NoCaseContent);
    const scope = scopeFilter(ctx.actor, ctx.now);
    return ctx
      .repo(Person)
      .createQueryBuilder('p')
      .where('p.association_id = :association', { association: associationOf(ctx) })
      .andWhere(scope.sql, scope.params);
  }

  /** The person if the caller may see their file; otherwise 404, like a file that does not exist. */
  async personInScope(ctx: RequestContext, personId: string): Promise<Person> {
    if (!readsCaseContent(ctx.actor)) throw pathwaysError(PathwaysErrorCode.PathwayNotFound);
    const person = await this.scopedPeople(ctx).andWhere('p.id = :id', { id: personId }).getOne();
    if (!person) throw pathwaysError(PathwaysErrorCode.PathwayNotFound);
    return person;
  }

  private async pathwayInScope(ctx: RequestContext, id: string, lock = false): Promise<Pathway> {
    const query = ctx.repo(Pathway).createQueryBuilder('w').where('w.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const pathway = await query.getOne();
    if (!pathway || pathway.associationId !== associationOf(ctx))
      throw pathwaysError(PathwaysErrorCode.PathwayNotFound);
    await this.personInScope(ctx, pathway.personId);
    return pathway;
  }

  async settings(ctx: RequestContext): Promise<PathwaySettings> {
    const rows = await ctx.manager.query<{ pathway_settings: unknown }[]>(
      'SELECT pathway_settings FROM association WHERE id = $1',
      [associationOf(ctx)],
    );
    return pathwaySettings(rows[0]?.pathway_settings);
  }

  async settingsView(ctx: RequestContext): Promise<PathwaySettingsView> {
    const rows = await ctx.manager.query<{ pathway_settings: unknown; version: number }[]>(
      'SELECT pathway_settings, version FROM association WHERE id = $1',
      [associationOf(ctx)],
    );
    if (!rows[0]) throw pathwaysError(PathwaysErrorCode.NoCaseContent);
    return {
      settings: pathwaySettings(rows[0].pathway_settings),
      defaults: pathwaySettings({}),
      version: rows[0].version,
    };
  }

  /** Stores the overrides (values equal to the defaults are dropped); 409 on a stale version. */
  async updateSettings(
    ctx: RequestContext,
    change: Partial<PathwaySettings> & { version: number },
  ): Promise<PathwaySettingsView> {
    const { version, ...values } = change;
    const current = await this.settingsView(ctx);
    // Only the fields sent: an absent one (undefined on the DTO instance) keeps its value.
    const sent = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const merged = pathwaySettings({ ...current.settings, ...sent });
    const overrides = Object.fromEntries(
      Object.entries(merged).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(current.defaults[key as keyof PathwaySettings]),
      ),
    );
    // The association row's version guards against a concurrent change (409), as updateVersioned does.
    const [row] = await ctx.manager.query<{ version: number }[]>(
      'SELECT version FROM association WHERE id = $1 FOR UPDATE',
      [associationOf(ctx)],
    );
    if (!row || row.version !== version) throw versionConflict();
    await ctx.manager.query(
      'UPDATE association SET pathway_settings = $1::jsonb, version = version + 1, updated_at = $3 WHERE id = $2',
      [JSON.stringify(overrides), associationOf(ctx), ctx.now],
    );
    await this.audit.record(ctx, {
      action: 'settings.pathways.updated',
      objectType: 'association',
      objectId: associationOf(ctx),
    });
    await this.resyncReminders(ctx);
    return this.settingsView(ctx);
  }

  /**
   * A pathway setting changed: the open reminders of every file with pathway deadlines move as a
   * changed pathway would. Those files are few (PSPs: 903 persons in all of France at the end of
   * 2024, psp.md), so this runs in the settings change's own transaction, four queries for the
   * deadlines and one upsert per file.
   */
  private async resyncReminders(ctx: RequestContext): Promise<void> {
    const [pathways, rights] = await Promise.all([
      ctx.repo(Pathway).find({ select: { personId: true }, where: { associationId: associationOf(ctx), kind: 'psp' } }),
      ctx.repo(PersonRight).find({
        select: { personId: true },
        where: { associationId: associationOf(ctx), kind: In(['residence_permit', 'income_support']) },
      }),
    ]);
    await this.syncRemindersOf(ctx, [...new Set([...pathways, ...rights].map((r) => r.personId))]);
  }

  private today(ctx: RequestContext): CalendarDate {
    return parisToday(ctx.now);
  }

  // ── views ──

  private async goalView(ctx: RequestContext, g: PathwayGoal): Promise<GoalView> {
    const content = JSON.parse(await this.cipher.decryptText(ctx, goalPlace(g.id), g.content)) as {
      title: string;
      outcome: string | null;
    };
    return {
      id: g.id,
      pathwayId: g.pathwayId,
      domain: g.domain as GoalDomain,
      title: content.title,
      status: g.status as GoalStatus,
      targetOn: g.targetOn,
      outcome: content.outcome,
      version: g.version,
    };
  }

  private async views(ctx: RequestContext, pathways: Pathway[]): Promise<PathwayView[]> {
    if (pathways.length === 0) return [];
    const ids = pathways.map((p) => p.id);
    // One after the other: the queries share the request's connection (pg runs them in turn anyway,
    // and warns that a query sent while another runs will be an error in its next major version).
    const events = await ctx.repo(PathwayEvent).find({ where: { pathwayId: In(ids) }, order: { sequence: 'ASC' } });
    const periods = await ctx.repo(PathwayPeriod).find({ where: { pathwayId: In(ids) }, order: { number: 'ASC' } });
    const goals = await ctx.repo(PathwayGoal).find({ where: { pathwayId: In(ids) }, order: { createdAt: 'ASC' } });
    const snapshots = await ctx.repo(PathwaySnapshot).find({ where: { pathwayId: In(ids) } });
    const settings = await this.settings(ctx);
    const result: PathwayView[] = [];
    for (const p of pathways) {
      const own = events.filter((e) => e.pathwayId === p.id);
      const ownPeriods = periods.filter((x) => x.pathwayId === p.id);
      const facts = factsOf(p, own, ownPeriods);
      const byId = new Map(own.map((e) => [e.id, e]));
      const goalViews: GoalView[] = [];
      for (const g of goals.filter((x) => x.pathwayId === p.id)) goalViews.push(await this.goalView(ctx, g));
      result.push({
        id: p.id,
        personId: p.personId,
        kind: p.kind as PathwayKind,
        state: p.state as PathwayState,
        departement: p.departement,
        openedOn: p.openedOn,
        closedOn: p.closedOn,
        endReason: p.endReason as PathwayEndReason | null,
        events: own.map((e) => ({
          id: e.id,
          kind: e.kind as PathwayEventKind,
          on: e.occurredOn,
          fromState: e.fromState as PathwayState,
          toState: e.toState as PathwayState,
          decisionReference: e.decisionReference,
          opinion: e.opinion as CommissionOpinion | null,
          commissionSessionId: e.commissionSessionId,
          endReason: e.endReason as PathwayEndReason | null,
          notifiedOn: e.notifiedOn,
          periodNumber: e.periodNumber,
          recordedBy: e.recordedBy,
          recordedAt: e.recordedAt.toISOString(),
        })),
        periods: ownPeriods.map((x) => ({
          number: x.number,
          startsOn: x.startsOn,
          endsOn: x.endsOn,
          decisionOn: x.decisionOn,
          decisionReference: byId.get(x.decisionEventId)?.decisionReference ?? null,
          gapDays: x.gapDays,
        })),
        allowedEvents: allowedEvents(facts, settings),
        goals: goalViews,
        snapshots: snapshots
          .filter((s) => s.pathwayId === p.id)
          .sort((a, b) => (a.moment === 'entry' ? -1 : b.moment === 'entry' ? 1 : 0))
          .map((s) => ({
            moment: s.moment as SituationSnapshotView['moment'],
            takenOn: s.takenOn,
            housing: s.housing as SituationSnapshotView['housing'],
            income: s.income,
            employment: s.employment as SituationSnapshotView['employment'],
            permit: s.permit,
          })),
        version: p.version,
      });
    }
    return result;
  }

  private async view(ctx: RequestContext, id: string): Promise<PathwayView> {
    const [view] = await this.views(ctx, [await ctx.repo(Pathway).findOneByOrFail({ id })]);
    return view;
  }

  // ── pathways ──

  async list(ctx: RequestContext, personId: string): Promise<PathwayView[]> {
    const person = await this.personInScope(ctx, personId);
    const pathways = await ctx
      .repo(Pathway)
      .find({ where: { personId }, order: { openedOn: 'DESC', createdAt: 'DESC' } });
    await this.audit.record(ctx, {
      action: 'pathway.read',
      objectType: 'person',
      objectId: personId,
      siteId: person.siteId,
    });
    return this.views(ctx, pathways);
  }

  async open(ctx: RequestContext, personId: string, input: NewPathway): Promise<PathwayView> {
    const person = await this.personInScope(ctx, personId);
    if (!isCalendarDate(input.openedOn)) throw pathwaysError(PathwayRuleCode.InvalidDate, 'openedOn');
    if (input.openedOn > this.today(ctx)) throw pathwaysError(PathwayRuleCode.DateInFuture, 'openedOn');
    const open = await ctx.repo(Pathway).exists({ where: { personId, kind: input.kind, closedOn: IsNull() } });
    if (open) throw pathwaysError(PathwaysErrorCode.AlreadyOpen, 'kind');
    const id = randomUUID();
    await ctx.repo(Pathway).insert({
      id,
      associationId: person.associationId,
      personId,
      kind: input.kind,
      state: INITIAL_STATE[input.kind],
      departement:
        input.kind === 'psp' ? (input.departement ?? person.departement ?? null) : (input.departement ?? null),
      openedOn: input.openedOn,
      closedOn: null,
      endReason: null,
    });
    await this.audit.record(ctx, {
      action: 'pathway.opened',
      objectType: 'pathway',
      objectId: id,
      siteId: person.siteId,
      detail: input.kind,
    });
    await this.syncReminders(ctx, personId);
    return this.view(ctx, id);
  }

  /** Records one dated step; refused with a coded error when the rules say no. */
  async record(ctx: RequestContext, pathwayId: string, input: NewPathwayEvent): Promise<PathwayView> {
    const pathway = await this.pathwayInScope(ctx, pathwayId, true);
    const events = await ctx.repo(PathwayEvent).find({ where: { pathwayId }, order: { sequence: 'ASC' } });
    const periods = await ctx.repo(PathwayPeriod).find({ where: { pathwayId }, order: { number: 'ASC' } });
    const settings = await this.settings(ctx);
    const facts = factsOf(pathway, events, periods);
    if (input.commissionSessionId) {
      if (input.kind !== 'opinion') throw pathwaysError(PathwayRuleCode.StartNotApplicable, 'commissionSessionId');
      const session = await ctx.repo(CommissionSession).findOne({ where: { id: input.commissionSessionId } });
      if (!session) throw pathwaysError(PathwaysErrorCode.SessionNotFound, 'commissionSessionId');
      if (session.heldOn !== input.on || (pathway.departement && session.departement !== pathway.departement))
        throw pathwaysError(PathwaysErrorCode.SessionMismatch, 'commissionSessionId');
    }
    if (input.opinion && input.kind !== 'opinion') throw pathwaysError(PathwayRuleCode.StartNotApplicable, 'opinion');
    if (input.endReason && input.kind !== 'end') throw pathwaysError(PathwayRuleCode.StartNotApplicable, 'endReason');
    const outcome = applyEvent(facts, input, this.today(ctx), settings);
    if (!outcome.ok) throw pathwaysError(outcome.code, outcome.field);

    const eventId = randomUUID();
    await ctx.repo(PathwayEvent).insert({
      id: eventId,
      associationId: pathway.associationId,
      pathwayId,
      personId: pathway.personId,
      sequence: (events[events.length - 1]?.sequence ?? 0) + 1,
      kind: input.kind,
      occurredOn: input.on,
      fromState: pathway.state,
      toState: outcome.to,
      decisionReference: input.decisionReference?.trim() || null,
      opinion: input.opinion ?? null,
      commissionSessionId: input.commissionSessionId ?? null,
      startsOn: input.startsOn ?? null,
      notifiedOn: input.notifiedOn ?? null,
      endReason: outcome.endReason,
      periodNumber: outcome.period?.number ?? null,
      recordedBy: ctx.actor?.userId ?? null,
      recordedAt: ctx.now,
    });
    if (outcome.period) await this.insertPeriod(ctx, pathway, outcome.period, eventId);
    if (outcome.to !== pathway.state || outcome.closes) {
      await ctx.repo(Pathway).update(
        { id: pathwayId },
        {
          state: outcome.to,
          closedOn: outcome.closes ? input.on : null,
          endReason: outcome.endReason,
          version: () => 'version + 1',
        },
      );
    }
    // Situation snapshots for the outcome indicators: at PSP entry (period 1) and at its end.
    if (pathway.kind === 'psp' && outcome.period?.number === 1)
      await this.snapshot(ctx, pathway, 'entry', outcome.period.startsOn);
    if (pathway.kind === 'psp' && outcome.closes && periods.length + (outcome.period ? 1 : 0) > 0)
      await this.snapshot(ctx, pathway, 'exit', input.on);
    await this.audit.record(ctx, {
      action: 'pathway.event.recorded',
      objectType: 'pathway',
      objectId: pathwayId,
      detail: input.kind,
    });
    // The pathway's reminders move with its dates, in this transaction.
    await this.syncReminders(ctx, pathway.personId);
    return this.view(ctx, pathwayId);
  }

  private async insertPeriod(ctx: RequestContext, pathway: Pathway, period: Period, eventId: string): Promise<void> {
    await ctx.repo(PathwayPeriod).insert({
      id: randomUUID(),
      associationId: pathway.associationId,
      pathwayId: pathway.id,
      number: period.number,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      decisionOn: period.decisionOn,
      decisionEventId: eventId,
      gapDays: period.gapDays,
    });
  }

  private async snapshot(ctx: RequestContext, pathway: Pathway, moment: 'entry' | 'exit', on: string): Promise<void> {
    const rights = await ctx.repo(PersonRight).find({ where: { personId: pathway.personId } });
    const s = situationOn(rights.map(rightFacts), on, moment);
    await ctx.repo(PathwaySnapshot).delete({ pathwayId: pathway.id, moment });
    await ctx.repo(PathwaySnapshot).insert({
      id: randomUUID(),
      associationId: pathway.associationId,
      pathwayId: pathway.id,
      personId: pathway.personId,
      moment,
      takenOn: on,
      housing: s.housing,
      income: s.income,
      employment: s.employment,
      permit: s.permit,
    });
  }

  // ── goals ──

  async addGoal(ctx: RequestContext, pathwayId: string, input: NewGoal): Promise<GoalView> {
    const pathway = await this.pathwayInScope(ctx, pathwayId);
    if (input.targetOn != null && !isCalendarDate(input.targetOn))
      throw pathwaysError(PathwayRuleCode.InvalidDate, 'targetOn');
    const id = randomUUID();
    await ctx.repo(PathwayGoal).insert({
      id,
      associationId: pathway.associationId,
      pathwayId,
      personId: pathway.personId,
      domain: input.domain,
      status: input.status ?? 'planned',
      targetOn: input.targetOn ?? null,
      content: await this.cipher.encryptText(
        ctx,
        goalPlace(id),
        JSON.stringify({ title: input.title.trim(), outcome: input.outcome?.trim() || null }),
      ),
    });
    await this.audit.record(ctx, { action: 'pathway.goal.created', objectType: 'pathway', objectId: pathwayId });
    return this.goalView(ctx, await ctx.repo(PathwayGoal).findOneByOrFail({ id }));
  }

  async updateGoal(ctx: RequestContext, pathwayId: string, goalId: string, change: GoalChange): Promise<GoalView> {
    await this.pathwayInScope(ctx, pathwayId);
    const goal = await ctx.repo(PathwayGoal).findOne({ where: { id: goalId, pathwayId } });
    if (!goal) throw pathwaysError(PathwaysErrorCode.GoalNotFound);
    if (change.targetOn != null && !isCalendarDate(change.targetOn))
      throw pathwaysError(PathwayRuleCode.InvalidDate, 'targetOn');
    const current = await this.goalView(ctx, goal);
    const fields: Partial<PathwayGoal> = {};
    if (change.status) fields.status = change.status;
    if (change.targetOn !== undefined) fields.targetOn = change.targetOn;
    if (change.title !== undefined || change.outcome !== undefined) {
      fields.content = await this.cipher.encryptText(
        ctx,
        goalPlace(goalId),
        JSON.stringify({
          title: change.title?.trim() || current.title,
          outcome: change.outcome !== undefined ? change.outcome?.trim() || null : current.outcome,
        }),
      );
    }
    await updateVersioned(ctx.manager, PathwayGoal, goalId, change.version, fields);
    await this.audit.record(ctx, { action: 'pathway.goal.updated', objectType: 'pathway', objectId: pathwayId });
    return this.goalView(ctx, await ctx.repo(PathwayGoal).findOneByOrFail({ id: goalId }));
  }

  // ── rights ──

  async rights(ctx: RequestContext, personId: string): Promise<RightView[]> {
    const person = await this.personInScope(ctx, personId);
    const rows = await ctx
      .repo(PersonRight)
      .find({ where: { personId }, order: { kind: 'ASC', startsOn: 'DESC', createdAt: 'DESC' } });
    await this.audit.record(ctx, {
      action: 'person.rights.read',
      objectType: 'person',
      objectId: personId,
      siteId: person.siteId,
    });
    return rows.map(rightView);
  }

  /** AFIS: the amount from the settings; the period tied to the decision (the period it opened). */
  private async completeRight(
    ctx: RequestContext,
    personId: string,
    r: Omit<PersonRight, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'associationId' | 'personId'>,
  ): Promise<void> {
    if (r.kind !== 'income_support') {
      r.monthlyAmountCents = null;
      r.decisionEventId = null;
      return;
    }
    if (r.decisionEventId) {
      const decision = await ctx.repo(PathwayEvent).findOne({ where: { id: r.decisionEventId, personId } });
      if (!decision || !GRANTS.includes(decision.kind as PathwayEventKind))
        throw pathwaysError(PathwaysErrorCode.DecisionNotFound, 'decisionEventId');
    } else if (r.status === 'granted' || r.status === 'requested') {
      const latest = await ctx
        .repo(PathwayEvent)
        .findOne({ where: { personId, kind: In([...GRANTS]) }, order: { occurredOn: 'DESC', sequence: 'DESC' } });
      r.decisionEventId = latest?.id ?? null;
    }
    if (r.status === 'granted') {
      const period = r.decisionEventId
        ? await ctx.repo(PathwayPeriod).findOne({ where: { decisionEventId: r.decisionEventId } })
        : null;
      r.startsOn = r.startsOn ?? period?.startsOn ?? null;
      r.endsOn = r.endsOn ?? period?.endsOn ?? null;
      r.monthlyAmountCents = afisAmountCents(await this.settings(ctx), r.children ?? 0);
    } else r.monthlyAmountCents = null;
  }

  async addRight(ctx: RequestContext, personId: string, input: RightInput): Promise<RightView> {
    const person = await this.personInScope(ctx, personId);
    const row = {
      kind: input.kind,
      status: input.status,
      situation: input.situation ?? null,
      requestedOn: input.requestedOn ?? null,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      receiptUntil: input.receiptUntil ?? null,
      refusalReason: input.refusalReason ?? null,
      children: input.children ?? null,
      monthlyAmountCents: null as number | null,
      decisionEventId: input.decisionEventId ?? null,
    };
    await this.completeRight(ctx, personId, row);
    const problem = checkRight(row);
    if (problem) throw pathwaysError(problem.code, problem.field);
    const id = randomUUID();
    await ctx.repo(PersonRight).insert({ id, associationId: person.associationId, personId, ...row });
    await this.audit.record(ctx, {
      action: 'person.right.created',
      objectType: 'person',
      objectId: personId,
      detail: input.kind,
    });
    await this.syncReminders(ctx, personId);
    return rightView(await ctx.repo(PersonRight).findOneByOrFail({ id }));
  }

  async updateRight(ctx: RequestContext, personId: string, rightId: string, change: RightChange): Promise<RightView> {
    await this.personInScope(ctx, personId);
    const right = await ctx.repo(PersonRight).findOne({ where: { id: rightId, personId } });
    if (!right) throw pathwaysError(PathwaysErrorCode.RightNotFound);
    const { version, ...fields } = change;
    const row = {
      kind: right.kind as RightKind,
      status: fields.status ?? right.status,
      situation: fields.situation !== undefined ? fields.situation : right.situation,
      requestedOn: fields.requestedOn !== undefined ? fields.requestedOn : right.requestedOn,
      startsOn: fields.startsOn !== undefined ? fields.startsOn : right.startsOn,
      endsOn: fields.endsOn !== undefined ? fields.endsOn : right.endsOn,
      receiptUntil: fields.receiptUntil !== undefined ? fields.receiptUntil : right.receiptUntil,
      refusalReason: fields.refusalReason !== undefined ? fields.refusalReason : right.refusalReason,
      children: fields.children !== undefined ? fields.children : right.children,
      monthlyAmountCents: right.monthlyAmountCents,
      decisionEventId: fields.decisionEventId !== undefined ? fields.decisionEventId : right.decisionEventId,
    };
    await this.completeRight(ctx, personId, row);
    const problem = checkRight(row);
    if (problem) throw pathwaysError(problem.code, problem.field);
    await updateVersioned(ctx.manager, PersonRight, rightId, version, row);
    await this.audit.record(ctx, {
      action: 'person.right.updated',
      objectType: 'person',
      objectId: personId,
      detail: right.kind,
    });
    await this.syncReminders(ctx, personId);
    return rightView(await ctx.repo(PersonRight).findOneByOrFail({ id: rightId }));
  }

  // ── deadlines ──

  /**
   * Deadlines of the people asked for (one, a page, my caseload, or everyone in my scope), read from
   * the reminder store: every source (pathways, rights, appointments, documents, retention), due
   * within the horizon setting, overdue ones included.
   */
  async deadlines(ctx: RequestContext, query: DeadlineQuery): Promise<DeadlineItem[]> {
    const people = this.scopedPeople(ctx).select(['p.id']);
    const ids = query.personId ? [query.personId] : query.personIds;
    if (ids) people.andWhere('p.id IN (:...ids)', { ids: ids.length ? ids : ['00000000-0000-0000-0000-000000000000'] });
    if (query.scope === 'mine') people.andWhere('p.referent_id = :me', { me: ctx.actor?.userId });
    const personIds = (await people.getMany()).map((p) => p.id);
    if (query.personId && personIds.length === 0) throw pathwaysError(PathwaysErrorCode.PathwayNotFound);
    const today = this.today(ctx);
    const horizon = plusDays(today, (await this.settings(ctx)).deadlineHorizonDays);
    const open = personIds.length ? await this.reminders.openForPersons(ctx, personIds, horizon) : [];
    const items: DeadlineItem[] = open.map((r) => {
      const leadDays =
        r.deadlineOn && r.deadlineOn > r.dueOn
          ? differenceInCalendarDays(parseISO(r.deadlineOn), parseISO(r.dueOn))
          : undefined;
      return {
        kind: r.kind,
        dueOn: r.dueOn,
        personId: r.personId!,
        sourceKind: r.sourceKind,
        sourceId: r.sourceId,
        labelKey: `deadline.${r.kind}`,
        overdue: r.dueOn < today,
        ...(leadDays ? { leadDays } : {}),
      };
    });
    await this.audit.record(ctx, {
      action: 'deadline.listed',
      objectType: 'person',
      objectIds: [...new Set(items.map((i) => i.personId))],
    });
    return items;
  }

  /**
   * Hands a person's pathway and right deadlines to the reminder store (one source per person), to
   * the referent (the site's coordinators while there is none). Called after every change of a
   * pathway, its events or the person's rights, in the same transaction.
   */
  private async syncReminders(ctx: RequestContext, personId: string): Promise<void> {
    await this.syncRemindersOf(ctx, [personId]);
  }

  /** The same for several people, with the deadline queries shared (four, whatever their number). */
  private async syncRemindersOf(ctx: RequestContext, personIds: string[]): Promise<void> {
    if (personIds.length === 0) return;
    const people = await ctx.repo(Person).find({ where: { id: In(personIds) } });
    const items = await this.deadlinesOf(ctx, personIds, UNBOUNDED_HORIZON_DAYS);
    for (const person of people) {
      const seen = new Set<string>();
      const reminders: ReminderInput[] = [];
      for (const item of items) {
        if (item.personId !== person.id) continue;
        const kind = item.labelKey.replace(/^deadline\./, '');
        // The due date is part of the key: a deadline that moves is a new reminder, the old one cancelled.
        const key = `${kind}:${item.sourceId}:${item.dueOn}`;
        if (seen.has(key)) continue;
        seen.add(key);
        reminders.push({
          key,
          kind,
          dueOn: item.dueOn,
          deadlineOn: item.leadDays ? plusDays(item.dueOn, item.leadDays) : item.dueOn,
          personId: person.id,
          assignee: { kind: 'referent', userId: person.referentId, siteId: person.siteId },
        });
      }
      await this.reminders.upsertForSource(ctx, { kind: 'pathways', id: person.id }, reminders);
    }
  }

  /** Four queries whatever the number of people: pathways, periods, events, rights. */
  private async deadlinesOf(ctx: RequestContext, personIds: string[], horizonDays?: number): Promise<DeadlineItem[]> {
    const pathways = await ctx.repo(Pathway).find({
      where: {
        personId: In(personIds),
        kind: 'psp',
        state: In(['authorised', 'renewal_submitted', 'commission_opinion', 'refused']),
      },
    });
    const ids = pathways.map((p) => p.id);
    const periods = ids.length
      ? await ctx.repo(PathwayPeriod).find({ where: { pathwayId: In(ids) }, order: { number: 'ASC' } })
      : [];
    const events = ids.length
      ? await ctx.repo(PathwayEvent).find({
          where: { pathwayId: In(ids), kind: In(['authorise', 'appeal_granted', 'refuse']) },
          order: { sequence: 'ASC' },
        })
      : [];
    const rights = await ctx
      .repo(PersonRight)
      .find({ where: { personId: In(personIds), kind: In(['residence_permit', 'income_support']) } });
    const settings = await this.settings(ctx);
    const data: DeadlinePathway[] = pathways.map((p) => {
      const own = events.filter((e) => e.pathwayId === p.id);
      const grant = [...own].reverse().find((e) => GRANTS.includes(e.kind as PathwayEventKind));
      const refusal = [...own].reverse().find((e) => e.kind === 'refuse');
      return {
        id: p.id,
        personId: p.personId,
        kind: p.kind as PathwayKind,
        state: p.state as PathwayState,
        periods: periods
          .filter((x) => x.pathwayId === p.id)
          .map((x) => ({
            number: x.number,
            startsOn: x.startsOn,
            endsOn: x.endsOn,
            decisionOn: x.decisionOn,
            gapDays: x.gapDays,
          })),
        lastGrantOn: grant?.occurredOn ?? null,
        refusalNotifiedOn: refusal ? (refusal.notifiedOn ?? refusal.occurredOn) : null,
      };
    });
    return deadlinesFor(
      {
        pathways: data,
        rights: rights.map((r) => ({
          id: r.id,
          personId: r.personId,
          kind: r.kind as RightKind,
          status: r.status,
          requestedOn: r.requestedOn,
          startsOn: r.startsOn,
          endsOn: r.endsOn,
          receiptUntil: r.receiptUntil,
        })),
      },
      horizonDays === undefined ? settings : { ...settings, deadlineHorizonDays: horizonDays },
      this.today(ctx),
    );
  }

  // ── commission ──

  async sessions(ctx: RequestContext, departement?: string): Promise<CommissionSessionView[]> {
    if (!readsCaseContent(ctx.actor)) throw pathwaysError(PathwaysErrorCode.NoCaseContent);
    const sessions = await ctx.repo(CommissionSession).find({
      where: { associationId: associationOf(ctx), ...(departement ? { departement } : {}) },
      order: { heldOn: 'DESC' },
      take: 100,
    });
    const counts = await this.examined(
      ctx,
      sessions.map((s) => s.id),
    );
    return sessions.map((s) => sessionView(s, counts.get(s.id) ?? 0));
  }

  private async examined(ctx: RequestContext, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await ctx.manager.query<{ id: string; n: string }[]>(
      `SELECT commission_session_id AS id, count(*) AS n FROM pathway_event
        WHERE association_id = $1 AND commission_session_id = ANY($2) GROUP BY 1`,
      [associationOf(ctx), ids],
    );
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  async createSession(
    ctx: RequestContext,
    input: { departement: string; heldOn: string },
  ): Promise<CommissionSessionView> {
    if (!readsCaseContent(ctx.actor)) throw pathwaysError(PathwaysErrorCode.NoCaseContent);
    if (!isCalendarDate(input.heldOn)) throw pathwaysError(PathwayRuleCode.InvalidDate, 'heldOn');
    const association = associationOf(ctx);
    if (
      await ctx
        .repo(CommissionSession)
        .exists({ where: { associationId: association, departement: input.departement, heldOn: input.heldOn } })
    )
      throw pathwaysError(PathwaysErrorCode.SessionExists, 'heldOn');
    const id = randomUUID();
    await ctx
      .repo(CommissionSession)
      .insert({ id, associationId: association, departement: input.departement, heldOn: input.heldOn });
    await this.audit.record(ctx, {
      action: 'commission.session.created',
      objectType: 'commission_session',
      objectId: id,
    });
    return sessionView(await ctx.repo(CommissionSession).findOneByOrFail({ id }), 0);
  }

  private async rows(
    ctx: RequestContext,
    pathways: Pathway[],
    opinions: Map<string, CommissionOpinion | null> = new Map(),
    requested: Map<string, number> = new Map(),
  ): Promise<CommissionFileRow[]> {
    if (pathways.length === 0) return [];
    const people = await this.scopedPeople(ctx)
      .andWhere('p.id IN (:...ids)', { ids: [...new Set(pathways.map((p) => p.personId))] })
      .getMany();
    const byId = new Map(people.map((p) => [p.id, p]));
    const periods = await ctx.repo(PathwayPeriod).find({ where: { pathwayId: In(pathways.map((p) => p.id)) } });
    const rows: CommissionFileRow[] = [];
    for (const w of pathways) {
      const person = byId.get(w.personId);
      if (!person) continue; // out of the caller's sites or team
      const identity = JSON.parse(
        await this.cipher.decryptText(ctx, { table: 'person', column: 'identity', rowId: person.id }, person.identity),
      ) as PersonIdentity;
      const own = periods.filter((x) => x.pathwayId === w.id).sort((a, b) => a.number - b.number);
      rows.push({
        personId: person.id,
        fileNumber: person.fileNumber,
        displayName: displayName(identity, person.fileNumber),
        pathwayId: w.id,
        state: w.state as PathwayState,
        periodRequested: requested.get(w.id) ?? own.length + 1,
        opinion: opinions.get(w.id) ?? null,
        currentPeriodEndsOn: own[own.length - 1]?.endsOn ?? null,
      });
    }
    return rows.sort((a, b) => a.fileNumber.localeCompare(b.fileNumber));
  }

  async session(ctx: RequestContext, id: string): Promise<CommissionSessionDetail> {
    if (!readsCaseContent(ctx.actor)) throw pathwaysError(PathwaysErrorCode.SessionNotFound);
    const session = await ctx.repo(CommissionSession).findOne({ where: { id, associationId: associationOf(ctx) } });
    if (!session) throw pathwaysError(PathwaysErrorCode.SessionNotFound);
    const opinions = await ctx
      .repo(PathwayEvent)
      .find({ where: { commissionSessionId: id }, order: { sequence: 'ASC' } });
    const pathways = opinions.length
      ? await ctx.repo(Pathway).find({ where: { id: In([...new Set(opinions.map((o) => o.pathwayId))]) } })
      : [];
    const periods = pathways.length
      ? await ctx.repo(PathwayPeriod).find({ where: { pathwayId: In(pathways.map((p) => p.id)) } })
      : [];
    const requested = new Map(
      opinions.map((o) => [
        o.pathwayId,
        periods.filter((x) => x.pathwayId === o.pathwayId && x.decisionOn < o.occurredOn).length + 1,
      ]),
    );
    const files = await this.rows(
      ctx,
      pathways,
      new Map(opinions.map((o) => [o.pathwayId, o.opinion as CommissionOpinion])),
      requested,
    );
    await this.audit.record(ctx, {
      action: 'commission.session.read',
      objectType: 'commission_session',
      objectId: id,
      objectIds: files.map((f) => f.personId),
    });
    return { ...sessionView(session, opinions.length), files };
  }

  /** Files waiting for the next session, and renewals to present at it (period ending within the renewal lead after it). */
  async agenda(ctx: RequestContext, departement: string): Promise<CommissionAgenda> {
    if (!readsCaseContent(ctx.actor)) throw pathwaysError(PathwaysErrorCode.NoCaseContent);
    const association = associationOf(ctx);
    const today = this.today(ctx);
    const next = await ctx
      .repo(CommissionSession)
      .createQueryBuilder('s')
      .where('s.association_id = :association AND s.departement = :departement AND s.held_on >= :today', {
        association,
        departement,
        today,
      })
      .orderBy('s.held_on', 'ASC')
      .getOne();
    const settings = await this.settings(ctx);
    // A renewal must be presented at this session when its period ends before the session plus the
    // longest renewal lead (90 days by default): the next session may well come too late.
    const before = plusDays(next?.heldOn ?? today, Math.max(...settings.renewalLeadDays));
    const waiting = await ctx.repo(Pathway).find({
      where: { associationId: association, kind: 'psp', departement, state: In(['submitted', 'renewal_submitted']) },
    });
    const authorised = await ctx
      .repo(Pathway)
      .createQueryBuilder('w')
      .where(
        "w.association_id = :association AND w.kind = 'psp' AND w.departement = :departement AND w.state = 'authorised'",
        {
          association,
          departement,
        },
      )
      .andWhere(
        `(SELECT count(*) FROM pathway_period x WHERE x.pathway_id = w.id) < :max
         AND (SELECT max(x.ends_on) FROM pathway_period x WHERE x.pathway_id = w.id) <= :before`,
        { max: settings.maxPeriods, before },
      )
      .getMany();
    const result: CommissionAgenda = {
      departement,
      nextSession: next ? sessionView(next, (await this.examined(ctx, [next.id])).get(next.id) ?? 0) : null,
      waiting: await this.rows(ctx, waiting),
      renewalsDue: await this.rows(ctx, authorised),
    };
    await this.audit.record(ctx, {
      action: 'commission.agenda.read',
      objectType: 'person',
      objectIds: [...result.waiting, ...result.renewalsDue].map((r) => r.personId),
      detail: departement,
    });
    return result;
  }
}
