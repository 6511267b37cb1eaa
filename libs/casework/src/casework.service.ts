import { Injectable } from '@nestjs/common';
import { UserRole } from '@app/access';
import { AuditService } from '@app/audit';
import type {
  AccompanimentPlace,
  AgendaItem,
  AppointmentCounterpart,
  AppointmentStatus,
  AppointmentView,
  Attendee,
  Confidentiality,
  DeletedJournalEventView,
  JournalEventType,
  JournalEventVersionView,
  JournalEventView,
  Paged,
} from '@app/contracts';
import { PeopleService, Person, readsCaseContent, scopeFilter } from '@app/people';
import { FieldCipher, updateVersioned, type RequestContext } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { RemindersService } from '@app/reminders';
import { Appointment } from './appointment.entity';
import { caseworkError, CaseworkErrorCode } from './casework.errors';
import { isContact, nextLastContact, occursInFuture, validAgendaRange } from './casework.rules';
import { appointmentLeadDays, syncAppointmentReminders } from './reminder-sync';
import { JournalEvent, JournalEventVersion } from './journal-event.entity';

export interface NewJournalEvent {
  type: JournalEventType;
  accompanimentPlace?: AccompanimentPlace | null;
  /** Default: now. */
  occurredAt?: Date;
  durationMinutes?: number | null;
  /** Default: the person. */
  attendees?: Attendee[];
  text: string;
  goalId?: string | null;
  /** Default: team. */
  confidentiality?: Confidentiality;
}

export interface JournalEventChange extends Partial<NewJournalEvent> {
  version: number;
}

export interface JournalFilter {
  page: number;
  pageSize: number;
  type?: JournalEventType;
}

export interface NewAppointment {
  startsAt: Date;
  durationMinutes: number;
  counterpart: AppointmentCounterpart;
  personAttends?: boolean;
  place: string;
  purpose: string;
  accompaniedById?: string | null;
}

export interface AppointmentChange extends Partial<NewAppointment> {
  version: number;
  status?: AppointmentStatus;
}

const eventText = (rowId: string) => ({ table: 'journal_event', column: 'text', rowId });
const versionText = (rowId: string) => ({ table: 'journal_event_version', column: 'text', rowId });
const appointmentDetails = (rowId: string) => ({ table: 'appointment', column: 'details', rowId });

function associationOf(ctx: RequestContext): string {
  if (!ctx.associationId || !readsCaseContent(ctx.actor)) throw caseworkError(CaseworkErrorCode.NoCaseContent);
  return ctx.associationId;
}

/**
 * The journal (notes typed as social workers think) and appointments. Every read of a person's
 * journal or appointments and every write is audited in the caller's transaction, ids only.
 * Confidentiality is enforced in the queries: a note the caller may not read is never loaded.
 */
@Injectable()
export class CaseworkService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly people: PeopleService,
    private readonly reminders: RemindersService,
  ) {}

  // ── journal: reading ──

  /**
   * Notes the caller may read: on a file in their scope (team, referent, site coordinator, broken
   * glass), not deleted, and by confidentiality: `team` for everyone who sees the file, `referent`
   * for the person's referent and the author, `author` for the author alone.
   */
  private readable(ctx: RequestContext) {
    const association = associationOf(ctx);
    const scope = scopeFilter(ctx.actor, ctx.now);
    return ctx
      .repo(JournalEvent)
      .createQueryBuilder('e')
      .innerJoin(Person, 'p', 'p.id = e.person_id AND p.association_id = e.association_id')
      .where('e.association_id = :association', { association })
      .andWhere('e.deleted_at IS NULL')
      .andWhere(scope.sql, scope.params)
      .andWhere(
        "(e.author_id = :reader OR e.confidentiality = 'team' OR (e.confidentiality = 'referent' AND p.referent_id = :reader))",
        { reader: ctx.actor!.userId },
      );
  }

  private async readableEvent(ctx: RequestContext, id: string): Promise<JournalEvent> {
    const event = await this.readable(ctx).andWhere('e.id = :id', { id }).getOne();
    if (!event) throw caseworkError(CaseworkErrorCode.EventNotFound);
    return event;
  }

  /** Only the author changes or deletes a note; others who read it are told why. */
  private async ownEvent(ctx: RequestContext, id: string): Promise<JournalEvent> {
    const event = await this.readableEvent(ctx, id);
    if (event.authorId !== ctx.actor!.userId) throw caseworkError(CaseworkErrorCode.NotTheAuthor);
    return event;
  }

  private async views(ctx: RequestContext, events: JournalEvent[]): Promise<JournalEventView[]> {
    const texts = await this.cipher.decryptManyText(
      ctx,
      events.map((e) => ({ place: eventText(e.id), ciphertext: e.text })),
    );
    return events.map((e, i) => ({
      id: e.id,
      personId: e.personId,
      type: e.type as JournalEventType,
      accompanimentPlace: e.accompanimentPlace as AccompanimentPlace | null,
      occurredAt: e.occurredAt.toISOString(),
      durationMinutes: e.durationMinutes,
      attendees: e.attendees as Attendee[],
      text: texts[i],
      goalId: e.goalId,
      confidentiality: e.confidentiality as Confidentiality,
      authorId: e.authorId,
      edited: e.version > 1,
      version: e.version,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    }));
  }

  /** The file's timeline, newest first. */
  async journal(ctx: RequestContext, personId: string, filter: JournalFilter): Promise<Paged<JournalEventView>> {
    const person = await this.people.placementInScope(ctx, personId);
    const query = this.readable(ctx)
      .andWhere('e.person_id = :personId', { personId })
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'ASC');
    if (filter.type) query.andWhere('e.type = :type', { type: filter.type });
    const [rows, total] = await query
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    await this.audit.record(ctx, {
      action: 'journal.read',
      objectType: 'person',
      objectId: personId,
      siteId: person.siteId,
    });
    return { items: await this.views(ctx, rows), page: filter.page, pageSize: filter.pageSize, total };
  }

  async versions(ctx: RequestContext, id: string): Promise<JournalEventVersionView[]> {
    const event = await this.readableEvent(ctx, id);
    const rows = await ctx.repo(JournalEventVersion).find({ where: { eventId: id }, order: { version: 'DESC' } });
    const texts = await this.cipher.decryptManyText(
      ctx,
      rows.map((r) => ({ place: versionText(r.id), ciphertext: r.text })),
    );
    await this.audit.record(ctx, {
      action: 'journal_event.versions.read',
      objectType: 'person',
      objectId: event.personId,
      detail: id,
    });
    return rows.map((r, i) => ({
      version: r.version,
      type: r.type as JournalEventType,
      accompanimentPlace: r.accompanimentPlace as AccompanimentPlace | null,
      occurredAt: r.occurredAt.toISOString(),
      durationMinutes: r.durationMinutes,
      attendees: r.attendees as Attendee[],
      text: texts[i],
      goalId: r.goalId,
      confidentiality: r.confidentiality as Confidentiality,
      editedBy: r.editedBy,
      recordedAt: r.recordedAt.toISOString(),
    }));
  }

  /**
   * For the DPO: which notes of a file were deleted, when and by whom, never their text. The DPO
   * reads no case content (libs/contracts permissions: no PersonRead); the audit needs to know that
   * a note existed and was removed, not what it said. Subject-access exports are their own route.
   */
  async deletedEvents(ctx: RequestContext, personId: string): Promise<DeletedJournalEventView[]> {
    if (!ctx.associationId) throw caseworkError(CaseworkErrorCode.NoCaseContent);
    const person = await this.people.existsInAssociation(ctx, personId);
    const rows = await ctx
      .repo(JournalEvent)
      .createQueryBuilder('e')
      .select([
        'e.id',
        'e.personId',
        'e.type',
        'e.occurredAt',
        'e.confidentiality',
        'e.authorId',
        'e.createdAt',
        'e.deletedAt',
        'e.deletedBy',
        'e.version',
      ])
      .where('e.person_id = :personId AND e.association_id = :association', {
        personId,
        association: ctx.associationId,
      })
      .andWhere('e.deleted_at IS NOT NULL')
      .orderBy('e.deleted_at', 'DESC')
      .getMany();
    const counts = rows.length
      ? await ctx.manager.query<{ event_id: string; n: string }[]>(
          'SELECT event_id, count(*) AS n FROM journal_event_version WHERE event_id = ANY($1) GROUP BY event_id',
          [rows.map((r) => r.id)],
        )
      : [];
    const versions = new Map(counts.map((c) => [c.event_id, Number(c.n)]));
    await this.audit.record(ctx, {
      action: 'journal.deleted.read',
      objectType: 'person',
      objectId: personId,
      siteId: person.siteId,
    });
    return rows.map((r) => ({
      id: r.id,
      personId: r.personId,
      type: r.type as JournalEventType,
      occurredAt: r.occurredAt.toISOString(),
      confidentiality: r.confidentiality as Confidentiality,
      authorId: r.authorId,
      createdAt: r.createdAt.toISOString(),
      deletedAt: r.deletedAt!.toISOString(),
      deletedBy: r.deletedBy,
      versions: versions.get(r.id) ?? 0,
    }));
  }

  // ── journal: writing ──

  private checkEvent(ctx: RequestContext, type: JournalEventType, place: AccompanimentPlace | null, at: Date): void {
    if (occursInFuture(at, ctx.now))
      throw caseworkError(CaseworkErrorCode.OccurredInFuture, [{ field: 'occurredAt', code: 'future' }]);
    if (place && type !== 'accompaniment')
      throw caseworkError(CaseworkErrorCode.PlaceOnlyForAccompaniment, [
        { field: 'accompanimentPlace', code: 'notAccompaniment' },
      ]);
  }

  /** Keeps the version as written: its own row, its text encrypted and bound to that row. */
  private async keepVersion(ctx: RequestContext, event: JournalEvent, text: string): Promise<void> {
    const id = randomUUID();
    await ctx.repo(JournalEventVersion).insert({
      id,
      associationId: event.associationId,
      eventId: event.id,
      version: event.version,
      type: event.type,
      accompanimentPlace: event.accompanimentPlace,
      occurredAt: event.occurredAt,
      durationMinutes: event.durationMinutes,
      attendees: event.attendees,
      text: await this.cipher.encryptText(ctx, versionText(id), text),
      goalId: event.goalId,
      confidentiality: event.confidentiality,
      editedBy: ctx.actor!.userId,
      recordedAt: ctx.now,
    });
  }

  private async noteContact(ctx: RequestContext, event: JournalEvent): Promise<void> {
    if (!isContact(event.type as JournalEventType, event.attendees as Attendee[])) return;
    if (nextLastContact(null, event.occurredAt, ctx.now) === null) return;
    await this.people.recordContact(ctx, event.personId, event.occurredAt);
  }

  async logEvent(ctx: RequestContext, personId: string, input: NewJournalEvent): Promise<JournalEventView> {
    const association = associationOf(ctx);
    const person = await this.people.placementInScope(ctx, personId);
    const occurredAt = input.occurredAt ?? ctx.now;
    const place = input.accompanimentPlace ?? null;
    this.checkEvent(ctx, input.type, place, occurredAt);
    await this.checkGoal(ctx, personId, input.goalId);
    const id = randomUUID();
    await ctx.repo(JournalEvent).insert({
      id,
      associationId: association,
      personId,
      type: input.type,
      accompanimentPlace: place,
      occurredAt,
      durationMinutes: input.durationMinutes ?? null,
      attendees: [...new Set(input.attendees ?? ['person'])],
      text: await this.cipher.encryptText(ctx, eventText(id), input.text),
      goalId: input.goalId ?? null,
      confidentiality: input.confidentiality ?? 'team',
      authorId: ctx.actor!.userId,
      deletedAt: null,
      deletedBy: null,
    });
    const event = await ctx.repo(JournalEvent).findOneByOrFail({ id });
    await this.keepVersion(ctx, event, input.text);
    await this.noteContact(ctx, event);
    await this.audit.record(ctx, {
      action: 'journal_event.created',
      objectType: 'person',
      objectId: personId,
      siteId: person.siteId,
      detail: id,
    });
    const [view] = await this.views(ctx, [event]);
    return view;
  }

  async editEvent(ctx: RequestContext, id: string, change: JournalEventChange): Promise<JournalEventView> {
    const event = await this.ownEvent(ctx, id);
    const type = change.type ?? (event.type as JournalEventType);
    const place =
      change.accompanimentPlace !== undefined
        ? change.accompanimentPlace
        : type === 'accompaniment'
          ? (event.accompanimentPlace as AccompanimentPlace | null)
          : null;
    const occurredAt = change.occurredAt ?? event.occurredAt;
    this.checkEvent(ctx, type, place, occurredAt);
    const text = change.text ?? (await this.cipher.decryptText(ctx, eventText(event.id), event.text));
    const fields: Partial<JournalEvent> = { type, accompanimentPlace: place, occurredAt };
    if (change.text !== undefined) fields.text = await this.cipher.encryptText(ctx, eventText(id), change.text);
    if (change.durationMinutes !== undefined) fields.durationMinutes = change.durationMinutes;
    if (change.attendees !== undefined) fields.attendees = [...new Set(change.attendees)];
    if (change.goalId !== undefined) {
      await this.checkGoal(ctx, event.personId, change.goalId);
      fields.goalId = change.goalId;
    }
    if (change.confidentiality !== undefined) fields.confidentiality = change.confidentiality;
    await updateVersioned(ctx.manager, JournalEvent, id, change.version, fields);
    const updated = await ctx.repo(JournalEvent).findOneByOrFail({ id });
    await this.keepVersion(ctx, updated, text);
    await this.noteContact(ctx, updated);
    await this.audit.record(ctx, {
      action: 'journal_event.updated',
      objectType: 'person',
      objectId: event.personId,
      detail: id,
    });
    const [view] = await this.views(ctx, [updated]);
    return view;
  }

  /** Soft delete: hidden from everyone's timeline; its existence stays for the DPO. */
  async deleteEvent(ctx: RequestContext, id: string): Promise<void> {
    const event = await this.ownEvent(ctx, id);
    await ctx
      .repo(JournalEvent)
      .update({ id }, { deletedAt: ctx.now, deletedBy: ctx.actor!.userId, version: () => 'version + 1' });
    await this.audit.record(ctx, {
      action: 'journal_event.deleted',
      objectType: 'person',
      objectId: event.personId,
      detail: id,
    });
  }

  // ── appointments ──

  private async appointmentViews(ctx: RequestContext, rows: Appointment[]): Promise<AppointmentView[]> {
    const details = await this.cipher.decryptManyText(
      ctx,
      rows.map((r) => ({ place: appointmentDetails(r.id), ciphertext: r.details })),
    );
    return rows.map((r, i) => {
      const { place, purpose } = JSON.parse(details[i]) as { place: string; purpose: string };
      return {
        id: r.id,
        personId: r.personId,
        startsAt: r.startsAt.toISOString(),
        durationMinutes: r.durationMinutes,
        counterpart: r.counterpart as AppointmentCounterpart,
        personAttends: r.personAttends,
        place,
        purpose,
        organiserId: r.organiserId,
        accompaniedById: r.accompaniedById,
        status: r.status as AppointmentStatus,
        version: r.version,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  /** Appointments on files the caller may see. */
  private visibleAppointments(ctx: RequestContext) {
    const association = associationOf(ctx);
    const scope = scopeFilter(ctx.actor, ctx.now);
    return ctx
      .repo(Appointment)
      .createQueryBuilder('a')
      .innerJoin(Person, 'p', 'p.id = a.person_id AND p.association_id = a.association_id')
      .where('a.association_id = :association', { association })
      .andWhere(scope.sql, scope.params);
  }

  private async visibleAppointment(ctx: RequestContext, id: string): Promise<Appointment> {
    const row = await this.visibleAppointments(ctx).andWhere('a.id = :id', { id }).getOne();
    if (!row) throw caseworkError(CaseworkErrorCode.AppointmentNotFound);
    return row;
  }

  private async checkAccompanying(ctx: RequestContext, userId: string | null | undefined): Promise<void> {
    if (!userId) return;
    const roles = await ctx.repo(UserRole).find({ where: { userId, associationId: ctx.associationId! } });
    if (!roles.some((r) => r.role === 'social_worker' || r.role === 'coordinator'))
      throw caseworkError(CaseworkErrorCode.AccompanyingNotAWorker, [{ field: 'accompaniedById', code: 'notAWorker' }]);
  }

  /** The person's appointments from `from` on (default: the start of today's instant), soonest first. */
  async appointments(
    ctx: RequestContext,
    personId: string,
    options: { from?: Date; includePast?: boolean },
  ): Promise<AppointmentView[]> {
    const person = await this.people.placementInScope(ctx, personId);
    const query = this.visibleAppointments(ctx)
      .andWhere('a.person_id = :personId', { personId })
      .orderBy('a.starts_at', options.includePast ? 'DESC' : 'ASC')
      .take(200);
    if (!options.includePast) {
      const from = options.from ?? new Date(ctx.now.getTime() - 12 * 3_600_000);
      query.andWhere('a.starts_at >= :from', { from });
    }
    const rows = await query.getMany();
    await this.audit.record(ctx, {
      action: 'appointments.read',
      objectType: 'person',
      objectId: personId,
      siteId: person.siteId,
    });
    return this.appointmentViews(ctx, rows);
  }

  /** A note links to a goal of one of the same person's pathways, or to none. */
  private async checkGoal(ctx: RequestContext, personId: string, goalId: string | null | undefined): Promise<void> {
    if (!goalId) return;
    const found = await ctx.manager.query<unknown[]>(
      `SELECT 1 FROM pathway_goal g JOIN pathway p ON p.id = g.pathway_id WHERE g.id = $1 AND p.person_id = $2`,
      [goalId, personId],
    );
    if (found.length === 0)
      throw caseworkError(CaseworkErrorCode.GoalNotFound, [{ field: 'goalId', code: 'notFound' }]);
  }

  async planAppointment(ctx: RequestContext, personId: string, input: NewAppointment): Promise<AppointmentView> {
    const association = associationOf(ctx);
    const person = await this.people.placementInScope(ctx, personId);
    await this.checkAccompanying(ctx, input.accompaniedById);
    const id = randomUUID();
    const personAttends = input.counterpart === 'person' ? true : (input.personAttends ?? false);
    await ctx.repo(Appointment).insert({
      id,
      associationId: association,
      personId,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
      counterpart: input.counterpart,
      personAttends,
      details: await this.cipher.encryptText(
        ctx,
        appointmentDetails(id),
        JSON.stringify({ place: input.place, purpose: input.purpose }),
      ),
      organiserId: ctx.actor!.userId,
      accompaniedById: input.accompaniedById ?? null,
      status: 'planned',
    });
    await this.audit.record(ctx, {
      action: 'appointment.created',
      objectType: 'person',
      objectId: personId,
      siteId: person.siteId,
      detail: id,
    });
    await this.syncReminder(ctx, id);
    return (await this.appointmentViews(ctx, [await ctx.repo(Appointment).findOneByOrFail({ id })]))[0];
  }

  async changeAppointment(ctx: RequestContext, id: string, change: AppointmentChange): Promise<AppointmentView> {
    const row = await this.visibleAppointment(ctx, id);
    if (change.accompaniedById !== undefined) await this.checkAccompanying(ctx, change.accompaniedById);
    const fields: Partial<Appointment> = {};
    if (change.startsAt !== undefined) fields.startsAt = change.startsAt;
    if (change.durationMinutes !== undefined) fields.durationMinutes = change.durationMinutes;
    if (change.counterpart !== undefined) fields.counterpart = change.counterpart;
    const counterpart = change.counterpart ?? row.counterpart;
    if (change.personAttends !== undefined || change.counterpart !== undefined)
      fields.personAttends = counterpart === 'person' ? true : (change.personAttends ?? row.personAttends);
    if (change.accompaniedById !== undefined) fields.accompaniedById = change.accompaniedById;
    if (change.status !== undefined) fields.status = change.status;
    if (change.place !== undefined || change.purpose !== undefined) {
      const [current] = await this.appointmentViews(ctx, [row]);
      fields.details = await this.cipher.encryptText(
        ctx,
        appointmentDetails(id),
        JSON.stringify({ place: change.place ?? current.place, purpose: change.purpose ?? current.purpose }),
      );
    }
    await updateVersioned(ctx.manager, Appointment, id, change.version, fields);
    await this.audit.record(ctx, {
      action: 'appointment.updated',
      objectType: 'person',
      objectId: row.personId,
      detail: id,
    });
    await this.syncReminder(ctx, id);
    return (await this.appointmentViews(ctx, [await ctx.repo(Appointment).findOneByOrFail({ id })]))[0];
  }

  /** For an appointment entered by mistake; one that did not happen is marked missed or cancelled. */
  async removeAppointment(ctx: RequestContext, id: string): Promise<void> {
    const row = await this.visibleAppointment(ctx, id);
    await ctx.repo(Appointment).delete({ id });
    await this.audit.record(ctx, {
      action: 'appointment.deleted',
      objectType: 'person',
      objectId: row.personId,
      detail: id,
    });
    await this.reminders.cancelForSource(ctx, { kind: 'appointment', id });
  }

  /**
   * A planned appointment reminds the person's referent (the site's coordinators while there is
   * none) the association's lead time before (domain/psp.md: 1 day); done, missed or cancelled, it
   * reminds no one.
   */
  private async syncReminder(ctx: RequestContext, id: string): Promise<void> {
    const row = await ctx.repo(Appointment).findOneByOrFail({ id });
    const person = await this.people.placementInScope(ctx, row.personId);
    await syncAppointmentReminders(
      ctx,
      this.reminders,
      [row],
      new Map([[row.personId, { referentId: person.referentId, siteId: person.siteId }]]),
      await appointmentLeadDays(ctx, row.associationId),
    );
  }

  /** The caller's agenda: what they organise or accompany, on files they may see. */
  async agenda(ctx: RequestContext, from: Date, to: Date): Promise<AgendaItem[]> {
    associationOf(ctx);
    if (!validAgendaRange(from, to)) throw caseworkError(CaseworkErrorCode.AgendaRangeInvalid);
    const me = ctx.actor!.userId;
    const rows = await this.visibleAppointments(ctx)
      .andWhere('(a.organiser_id = :me OR a.accompanied_by = :me)', { me })
      .andWhere('a.starts_at >= :from AND a.starts_at < :to', { from, to })
      .orderBy('a.starts_at', 'ASC')
      .take(500)
      .getMany();
    const people = await this.people.summariesInScope(
      ctx,
      rows.map((r) => r.personId),
    );
    await this.audit.record(ctx, {
      action: 'agenda.read',
      objectType: 'person',
      objectIds: [...new Set(rows.map((r) => r.personId))],
    });
    const views = await this.appointmentViews(ctx, rows);
    return views.flatMap((v) => {
      const person = people.get(v.personId);
      return person ? [{ ...v, fileNumber: person.fileNumber, displayName: person.displayName }] : [];
    });
  }
}
