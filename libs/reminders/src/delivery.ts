import type { JobHandler, RequestContext } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { Notification, Reminder } from './reminder.entity';
import { parisDay } from './reminders.rules';

export const REMINDER_NOTIFY_JOB = 'reminders.notify';

/**
 * The delivery schedule's one statement (SCHEDULES.md `reminders.arm`), as `envol_system` (it sees
 * every association): reminders due today or earlier (or whose snooze ends), not yet armed, get
 * one outbox job each, `reminders.notify { reminderId }`, and their `queued_at`, in one
 * transaction. A reminder is armed once per delivery; `SKIP LOCKED` lets two schedulers share the
 * work. Returns how many were armed.
 */
export async function armDueReminders(manager: EntityManager, now: Date, limit = 5000): Promise<number> {
  const rows = await manager.query<{ armed: number }[]>(
    `WITH due AS (
       SELECT id FROM reminder
        WHERE queued_at IS NULL
          AND ((status = 'pending' AND due_on <= $1::date) OR (status = 'snoozed' AND snoozed_until <= $1::date))
        ORDER BY due_on, id
        LIMIT $3
        FOR UPDATE SKIP LOCKED
     ), armed AS (
       UPDATE reminder r SET queued_at = $2 FROM due WHERE r.id = due.id RETURNING r.id, r.association_id
     ), jobs AS (
       INSERT INTO outbox_job (association_id, job_name, payload, state, run_at, attempts, effects)
       SELECT association_id, '${REMINDER_NOTIFY_JOB}', jsonb_build_object('reminderId', id::text), 'pending', $2, 0, 0
         FROM armed RETURNING 1
     )
     SELECT count(*)::int AS armed FROM jobs`,
    [parisDay(now), now, limit],
  );
  return rows[0]?.armed ?? 0;
}

/** Users of the association holding `role` (on `siteId` when given: a coordinator without sites covers all). */
async function holders(ctx: RequestContext, role: string, siteId: string | null): Promise<string[]> {
  const rows = await ctx.manager.query<{ user_id: string }[]>(
    `SELECT ur.user_id FROM user_role ur JOIN user_account u ON u.id = ur.user_id AND u.status = 'active'
      WHERE ur.role = $1
        AND ($2::uuid IS NULL OR $1 <> 'coordinator'
             OR NOT EXISTS (SELECT 1 FROM user_site s WHERE s.user_id = ur.user_id)
             OR EXISTS (SELECT 1 FROM user_site s WHERE s.user_id = ur.user_id AND s.site_id = $2::uuid))
      ORDER BY ur.user_id`,
    [role, siteId],
  );
  return rows.map((r) => r.user_id);
}

/**
 * `reminders.notify`: runs in the transaction that marks its outbox row done, with the reminder's
 * association set. Notifies once: a reminder no longer pending or snoozed (done, cancelled, already
 * notified by an earlier run) is left alone, and each user is notified at most once per delivery.
 */
export const notifyReminder: JobHandler<'reminders.notify'> = async (ctx, payload) => {
  const reminder = await ctx.repo(Reminder).findOne({
    where: { id: payload.reminderId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!reminder || !reminder.queuedAt || !['pending', 'snoozed'].includes(reminder.status)) return;
  if (reminder.status === 'snoozed' && reminder.snoozedUntil && reminder.snoozedUntil > parisDay(ctx.now)) return;
  const users = reminder.assigneeUserId
    ? [reminder.assigneeUserId]
    : reminder.assigneeRole
      ? await holders(ctx, reminder.assigneeRole, reminder.siteId)
      : [];
  const round = reminder.deliveries + 1;
  if (users.length) {
    await ctx
      .repo(Notification)
      .createQueryBuilder()
      .insert()
      .values(
        users.map((userId) => ({ associationId: reminder.associationId, userId, reminderId: reminder.id, round })),
      )
      .orIgnore()
      .execute();
  }
  await ctx
    .repo(Reminder)
    .update({ id: reminder.id }, { status: 'notified', notifiedAt: ctx.now, deliveries: round, snoozedUntil: null });
};

export const REMINDER_HANDLERS = { [REMINDER_NOTIFY_JOB]: notifyReminder } as const;
