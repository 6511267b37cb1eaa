import { Injectable } from '@nestjs/common';
import type { ContactConstraint, NotificationView, ReminderView } from '@app/contracts';
export type { NotificationView, ReminderView } from '@app/contracts';
import { AppError, FieldCipher, updateVersioned, type RequestContext } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { Notification, Reminder } from './reminder.entity';
import {
  bucketOf,
  effectiveDay,
  OPEN_STATUSES,
  parisDay,
  planUpsert,
  type ExistingReminder,
  type ReminderInput,
  type ReminderSource,
  type ReminderStatus,
} from './reminders.rules';

/** Who looks at reminders: the signed-in user, their roles and (coordinators) their sites. */
export interface ReminderViewer {
  userId: string;
  roles: readonly string[];
  siteIds: readonly string[];
}

export enum RemindersErrorCode {
  NotFound = 'REMINDER_NOT_FOUND',
  Closed = 'REMINDER_CLOSED',
  SnoozeInPast = 'SNOOZE_NOT_IN_FUTURE',
}

const ERRORS: Record<RemindersErrorCode, [number, string]> = {
  [RemindersErrorCode.NotFound]: [404, 'Not found'],
  [RemindersErrorCode.Closed]: [409, 'This reminder is already done or cancelled'],
  [RemindersErrorCode.SnoozeInPast]: [400, 'A reminder is snoozed to a later day'],
};

export function remindersError(code: RemindersErrorCode, field?: string): AppError {
  const [status, message] = ERRORS[code];
  return new AppError(code, status, message, field ? [{ field, code: 'invalid' }] : []);
}

const place = (id: string) => ({ table: 'reminder', column: 'contact', rowId: id });

function associationOf(ctx: RequestContext): string {
  if (!ctx.associationId) throw remindersError(RemindersErrorCode.NotFound);
  return ctx.associationId;
}

/**
 * The reminder store (README "Reminders"). Domain libs call `upsertForSource` inside their own
 * transaction whenever their dates change; it imports no domain lib. Reads are filtered to what the
 * viewer must act on: assigned to them, or to a role they hold (on one of their sites).
 */
@Injectable()
export class RemindersService {
  constructor(private readonly cipher: FieldCipher) {}

  // ── writing, for the domain libs ──

  /** Replaces the source's reminders with `reminders` (see `planUpsert`), in the caller's transaction. */
  async upsertForSource(
    ctx: RequestContext,
    source: ReminderSource,
    reminders: readonly ReminderInput[],
  ): Promise<void> {
    const association = associationOf(ctx);
    const repo = ctx.repo(Reminder);
    const existing = await repo.find({
      where: { associationId: association, sourceKind: source.kind, sourceId: source.id },
      order: { createdAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const plan = planUpsert(
      existing.map((r): ExistingReminder => ({
        id: r.id,
        key: r.key,
        status: r.status as ReminderStatus,
        dueOn: r.dueOn,
      })),
      reminders,
    );
    if (plan.cancel.length) await repo.update({ id: In(plan.cancel) }, { status: 'cancelled', queuedAt: null });
    for (const { id, input } of plan.replace) {
      await repo.update(
        { id },
        { ...(await this.fields(ctx, id, input)), status: 'pending', snoozedUntil: null, queuedAt: null },
      );
    }
    for (const { id, input } of plan.refresh) await repo.update({ id }, await this.fields(ctx, id, input));
    for (const input of plan.insert) {
      const id = randomUUID();
      await repo.insert({
        id,
        associationId: association,
        sourceKind: source.kind,
        sourceId: source.id,
        key: input.key,
        status: 'pending',
        ...(await this.fields(ctx, id, input)),
      });
    }
  }

  async cancelForSource(ctx: RequestContext, source: ReminderSource): Promise<void> {
    await this.upsertForSource(ctx, source, []);
  }

  /**
   * The source's open reminders are done: what they asked for happened and was recorded in the
   * source itself (a referral's outcome), by `doneBy`. Done and cancelled ones stay as they are.
   */
  async completeForSource(ctx: RequestContext, source: ReminderSource, doneBy: string | null): Promise<number> {
    const result = await ctx
      .repo(Reminder)
      .createQueryBuilder()
      .update()
      .set({ status: 'done', doneAt: ctx.now, doneBy, version: () => 'version + 1' })
      .where({
        associationId: associationOf(ctx),
        sourceKind: source.kind,
        sourceId: source.id,
        status: In([...OPEN_STATUSES]),
      })
      .execute();
    return result.affected ?? 0;
  }

  /** A new referent (or none: the site's coordinators) takes over the person's open reminders that follow the referent. */
  async reassignPerson(ctx: RequestContext, personId: string, referentId: string | null): Promise<number> {
    const result = await ctx
      .repo(Reminder)
      .update(
        { associationId: associationOf(ctx), personId, followsReferent: true, status: In([...OPEN_STATUSES]) },
        { assigneeUserId: referentId, assigneeRole: referentId ? null : 'coordinator' },
      );
    return result.affected ?? 0;
  }

  private async fields(ctx: RequestContext, id: string, input: ReminderInput): Promise<Partial<Reminder>> {
    const a = input.assignee;
    return {
      kind: input.kind,
      dueOn: input.dueOn,
      deadlineOn: input.deadlineOn ?? null,
      personId: input.personId ?? null,
      siteId: a.siteId,
      assigneeUserId: a.kind === 'referent' ? a.userId : null,
      assigneeRole: a.kind === 'role' ? a.role : a.userId ? null : 'coordinator',
      followsReferent: a.kind === 'referent',
      contact: input.contact ? await this.cipher.encryptText(ctx, place(id), JSON.stringify(input.contact)) : null,
    };
  }

  // ── reading ──

  private visibleTo(viewer: ReminderViewer): { sql: string; params: Record<string, unknown> } {
    const parts = ['r.assignee_user_id = :viewer'];
    const params: Record<string, unknown> = { viewer: viewer.userId };
    for (const role of ['coordinator', 'admin'] as const) {
      if (!viewer.roles.includes(role)) continue;
      if (role === 'coordinator' && viewer.siteIds.length > 0) {
        parts.push(`(r.assignee_role = 'coordinator' AND (r.site_id IS NULL OR r.site_id = ANY(:viewerSites)))`);
        params.viewerSites = [...viewer.siteIds];
      } else parts.push(`r.assignee_role = '${role}'`);
    }
    return { sql: `(${parts.join(' OR ')})`, params };
  }

  private async views(ctx: RequestContext, rows: Reminder[]): Promise<ReminderView[]> {
    const today = parisDay(ctx.now);
    const contacts = await this.cipher.decryptManyText(
      ctx,
      rows.filter((r) => r.contact).map((r) => ({ place: place(r.id), ciphertext: r.contact! })),
    );
    let next = 0;
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      sourceKind: r.sourceKind,
      sourceId: r.sourceId,
      personId: r.personId,
      siteId: r.siteId,
      dueOn: r.dueOn,
      deadlineOn: r.deadlineOn,
      status: r.status as ReminderStatus,
      snoozedUntil: r.snoozedUntil,
      bucket: bucketOf(effectiveDay(r), today),
      assigneeUserId: r.assigneeUserId,
      assigneeRole: r.assigneeRole,
      contact: r.contact ? (JSON.parse(contacts[next++]) as ContactConstraint) : null,
      version: r.version,
    }));
  }

  /** The viewer's open reminders, earliest first ("My reminders"). */
  async mine(ctx: RequestContext, viewer: ReminderViewer, limit = 500): Promise<ReminderView[]> {
    if (!ctx.associationId) return []; // a funder's account: no association, no reminders
    const visible = this.visibleTo(viewer);
    const rows = await ctx
      .repo(Reminder)
      .createQueryBuilder('r')
      .where('r.association_id = :association', { association: associationOf(ctx) })
      .andWhere('r.status IN (:...open)', { open: OPEN_STATUSES })
      .andWhere(visible.sql, visible.params)
      .orderBy(`coalesce(r.snoozed_until, r.due_on)`, 'ASC')
      .addOrderBy('r.id', 'ASC')
      .take(limit)
      .getMany();
    return this.views(ctx, rows);
  }

  /** A coordinator's view: every overdue open reminder on their sites (all sites when they have none), whoever holds it. */
  async overdue(ctx: RequestContext, siteIds: readonly string[], limit = 500): Promise<ReminderView[]> {
    const query = ctx
      .repo(Reminder)
      .createQueryBuilder('r')
      .where('r.association_id = :association', { association: associationOf(ctx) })
      .andWhere('r.status IN (:...open)', { open: OPEN_STATUSES })
      .andWhere('coalesce(r.snoozed_until, r.due_on) < :today', { today: parisDay(ctx.now) });
    if (siteIds.length) query.andWhere('r.site_id = ANY(:sites)', { sites: [...siteIds] });
    const rows = await query.orderBy('r.due_on', 'ASC').addOrderBy('r.id', 'ASC').take(limit).getMany();
    return this.views(ctx, rows);
  }

  /** Open reminders of these files due up to `until` (the caller has checked the scope): the deadlines view. */
  async openForPersons(ctx: RequestContext, personIds: readonly string[], until: string): Promise<ReminderView[]> {
    const rows = await ctx
      .repo(Reminder)
      .createQueryBuilder('r')
      .where('r.association_id = :association', { association: associationOf(ctx) })
      .andWhere('r.person_id = ANY(:people)', { people: [...personIds] })
      .andWhere('r.status IN (:...open)', { open: OPEN_STATUSES })
      .andWhere('r.due_on <= :until', { until })
      .orderBy('r.due_on', 'ASC')
      .addOrderBy('r.kind', 'ASC')
      .take(5000)
      .getMany();
    return this.views(ctx, rows);
  }

  /** A file's reminders (the caller has checked the person is in scope): open ones, then the last closed. */
  async forPerson(ctx: RequestContext, personId: string): Promise<ReminderView[]> {
    const rows = await ctx.repo(Reminder).find({
      where: { associationId: associationOf(ctx), personId, status: In(['pending', 'notified', 'snoozed', 'done']) },
      order: { dueOn: 'ASC', id: 'ASC' },
      take: 200,
    });
    return this.views(ctx, rows);
  }

  private async visible(ctx: RequestContext, viewer: ReminderViewer, id: string): Promise<Reminder> {
    const visible = this.visibleTo(viewer);
    const row = await ctx
      .repo(Reminder)
      .createQueryBuilder('r')
      .where('r.association_id = :association AND r.id = :id', { association: associationOf(ctx), id })
      .andWhere(visible.sql, visible.params)
      .getOne();
    if (!row) throw remindersError(RemindersErrorCode.NotFound);
    return row;
  }

  async markDone(ctx: RequestContext, viewer: ReminderViewer, id: string, version: number): Promise<ReminderView> {
    const row = await this.visible(ctx, viewer, id);
    if (!OPEN_STATUSES.includes(row.status as ReminderStatus)) throw remindersError(RemindersErrorCode.Closed);
    await updateVersioned(ctx.manager, Reminder, id, version, {
      status: 'done',
      doneAt: ctx.now,
      doneBy: viewer.userId,
    });
    return (await this.views(ctx, [await ctx.repo(Reminder).findOneByOrFail({ id })]))[0];
  }

  /** Until a later day: delivered again that day. */
  async snooze(
    ctx: RequestContext,
    viewer: ReminderViewer,
    id: string,
    version: number,
    until: string,
  ): Promise<ReminderView> {
    const row = await this.visible(ctx, viewer, id);
    if (!OPEN_STATUSES.includes(row.status as ReminderStatus)) throw remindersError(RemindersErrorCode.Closed);
    if (until <= parisDay(ctx.now)) throw remindersError(RemindersErrorCode.SnoozeInPast, 'until');
    await updateVersioned(ctx.manager, Reminder, id, version, {
      status: 'snoozed',
      snoozedUntil: until,
      queuedAt: null,
    });
    return (await this.views(ctx, [await ctx.repo(Reminder).findOneByOrFail({ id })]))[0];
  }

  // ── notifications ──

  async notifications(ctx: RequestContext, userId: string, limit = 100): Promise<NotificationView[]> {
    if (!ctx.associationId) return [];
    const rows = await ctx.manager.query<
      {
        id: string;
        reminder_id: string;
        kind: string;
        person_id: string | null;
        due_on: string;
        deadline_on: string | null;
        created_at: Date;
        read_at: Date | null;
      }[]
    >(
      `SELECT n.id, n.reminder_id, r.kind, r.person_id, r.due_on::text, r.deadline_on::text, n.created_at, n.read_at
         FROM notification n JOIN reminder r ON r.id = n.reminder_id
        WHERE n.association_id = $1 AND n.user_id = $2
        ORDER BY n.created_at DESC, n.id LIMIT $3`,
      [associationOf(ctx), userId, limit],
    );
    return rows.map((n) => ({
      id: n.id,
      reminderId: n.reminder_id,
      kind: n.kind,
      personId: n.person_id,
      dueOn: n.due_on,
      deadlineOn: n.deadline_on,
      createdAt: n.created_at.toISOString(),
      readAt: n.read_at?.toISOString() ?? null,
    }));
  }

  async unreadCount(ctx: RequestContext, userId: string): Promise<number> {
    if (!ctx.associationId) return 0;
    return ctx.repo(Notification).count({ where: { associationId: ctx.associationId, userId, readAt: IsNull() } });
  }

  /** One notification, or all of the user's when `id` is null. */
  async markRead(ctx: RequestContext, userId: string, id: string | null): Promise<void> {
    if (!ctx.associationId) {
      if (id === null) return;
      throw remindersError(RemindersErrorCode.NotFound);
    }
    const where = { associationId: associationOf(ctx), userId, ...(id === null ? {} : { id }) };
    const result = await ctx
      .repo(Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: ctx.now })
      .where(where)
      .andWhere('read_at IS NULL')
      .execute();
    if (id !== null && result.affected === 0 && !(await ctx.repo(Notification).exists({ where }))) {
      throw remindersError(RemindersErrorCode.NotFound);
    }
  }
}
