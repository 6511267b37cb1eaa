import { Association } from '@app/access';
import { Person } from '@app/people';
import { enqueue, type JobHandler, type RequestContext } from '@app/platform';
import { RemindersService } from '@app/reminders';
import { In, MoreThan, MoreThanOrEqual } from 'typeorm';
import { Appointment } from './appointment.entity';
import { appointmentReminders } from './casework.rules';

/** Appointments per `casework.reminders.resync` job. */
export const CASEWORK_RESYNC_BATCH = 500;

/** The appointment reminder's lead time, as the association sets it (read in the caller's transaction). */
export async function appointmentLeadDays(ctx: RequestContext, associationId: string): Promise<number> {
  return (await ctx.repo(Association).findOneByOrFail({ id: associationId })).appointmentLeadDays;
}

/**
 * Hands appointments' reminders to the store; `people` holds each appointment's person (their
 * referent and site decide who is reminded).
 */
export async function syncAppointmentReminders(
  ctx: RequestContext,
  reminders: RemindersService,
  appointments: readonly Appointment[],
  people: ReadonlyMap<string, { referentId: string | null; siteId: string }>,
  leadDays: number,
): Promise<void> {
  for (const appointment of appointments) {
    const person = people.get(appointment.personId);
    if (!person) continue;
    await reminders.upsertForSource(
      ctx,
      { kind: 'appointment', id: appointment.id },
      appointmentReminders(appointment, person, leadDays),
    );
  }
}

/**
 * `casework.reminders.resync`: the appointment lead time changed. The planned appointments still
 * ahead are reminded again with it (a past one's reminder is history: moving it would only notify
 * the worker again of an appointment that has happened), a batch per job.
 */
export function caseworkJobHandlers(reminders: () => RemindersService): {
  'casework.reminders.resync': JobHandler<'casework.reminders.resync'>;
} {
  return {
    'casework.reminders.resync': async (ctx, { afterId }) => {
      if (!ctx.associationId) return;
      const appointments = await ctx.repo(Appointment).find({
        where: {
          associationId: ctx.associationId,
          status: 'planned',
          startsAt: MoreThanOrEqual(ctx.now),
          id: MoreThan(afterId),
        },
        order: { id: 'ASC' },
        take: CASEWORK_RESYNC_BATCH,
      });
      if (appointments.length === 0) return;
      const people = await ctx.repo(Person).find({
        select: { id: true, referentId: true, siteId: true },
        where: { id: In([...new Set(appointments.map((a) => a.personId))]) },
      });
      await syncAppointmentReminders(
        ctx,
        reminders(),
        appointments,
        new Map(people.map((p) => [p.id, p])),
        await appointmentLeadDays(ctx, ctx.associationId),
      );
      if (appointments.length === CASEWORK_RESYNC_BATCH) {
        await enqueue(ctx, 'casework.reminders.resync', { afterId: appointments[appointments.length - 1].id });
      }
    },
  };
}
