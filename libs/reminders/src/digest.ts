import { OutboxError, OutboxPayloadError, type JobHandler, type Mail, type Mailer } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { parisDay } from './reminders.rules';

export const REMINDER_DIGEST_JOB = 'reminders.digest';

/** The Paris hour of `now` (0–23). */
export function parisHour(now: Date): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(
    now,
  );
  return Number(hour);
}

/**
 * The reminders a digest counts, for the user `$user` on the Paris day `$day`: delivered to them
 * (a notification), still open and delivered (`notified`: not done, cancelled or snoozed again),
 * due that day or before, and still theirs (a reminder handed to another referent is not).
 */
const OPEN_FOR_USER = `
  FROM reminder r
 WHERE r.status = 'notified'
   AND r.due_on <= $2::date
   AND (r.assignee_user_id = $1::uuid OR r.assignee_user_id IS NULL)
   AND EXISTS (SELECT 1 FROM notification n WHERE n.reminder_id = r.id AND n.user_id = $1::uuid)`;

/**
 * Part of the arm pass (SCHEDULES.md `reminders.arm`) when SMTP is configured, as `envol_system`:
 * from `hour` o'clock in Paris, every active user with open delivered reminders due today or
 * earlier gets one `reminder_digest` row for the day and one outbox job
 * `reminders.digest { userId, day }`, in one statement. The row's unique key (user, day) makes it
 * once a day whatever the number of passes or schedulers. Returns how many digests were enqueued.
 */
export async function armReminderDigests(manager: EntityManager, now: Date, hour: number): Promise<number> {
  if (parisHour(now) < hour) return 0;
  const rows = await manager.query<{ digests: number }[]>(
    `WITH users AS (
       SELECT DISTINCT n.association_id, n.user_id
         FROM notification n
         JOIN reminder r ON r.id = n.reminder_id
         JOIN user_account u ON u.id = n.user_id AND u.status = 'active'
        WHERE r.status = 'notified' AND r.due_on <= $1::date
          AND (r.assignee_user_id = n.user_id OR r.assignee_user_id IS NULL)
          AND NOT EXISTS (SELECT 1 FROM reminder_digest d WHERE d.user_id = n.user_id AND d.day = $1::date)
     ), claimed AS (
       INSERT INTO reminder_digest (association_id, user_id, day)
       SELECT association_id, user_id, $1::date FROM users
       ON CONFLICT (user_id, day) DO NOTHING
       RETURNING association_id, user_id
     ), jobs AS (
       INSERT INTO outbox_job (association_id, job_name, payload, state, run_at, attempts, effects)
       SELECT association_id, '${REMINDER_DIGEST_JOB}',
              jsonb_build_object('userId', user_id::text, 'day', to_char($1::date, 'YYYYMMDD')::int), 'pending', $2, 0, 0
         FROM claimed RETURNING 1
     )
     SELECT count(*)::int AS digests FROM jobs`,
    [parisDay(now), now],
  );
  return rows[0]?.digests ?? 0;
}

/** The payload's day (yyyymmdd) as an ISO date; a malformed one is refused (the job is parked). */
export function digestDay(day: number): string {
  const text = String(day);
  if (!/^\d{8}$/.test(text)) throw new OutboxPayloadError('Job payload field "day" must be a day as yyyymmdd');
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`;
}

export interface DigestCounts {
  overdue: number;
  today: number;
}

/** The digest: two counts and a link, French then English; nothing about the people accompanied. */
export function reminderDigestMail(to: string, day: string, counts: DigestCounts, baseUrl: string): Mail {
  const link = `${baseUrl.replace(/\/+$/, '')}/reminders`;
  return {
    to,
    subject: 'Envol : vos rappels du jour / your reminders for today',
    text:
      `Bonjour,\n\nVos rappels Envol au ${day} : ${counts.overdue} en retard, ${counts.today} pour aujourd’hui.\n` +
      `Mes rappels : ${link}\n\n` +
      `Your Envol reminders on ${day}: ${counts.overdue} overdue, ${counts.today} due today.\n` +
      `My reminders: ${link}\n`,
  };
}

export interface DigestMailer {
  mailer: Mailer;
  /** Where the link points (AppConfig.baseUrl: PUBLIC_URL, else this machine). */
  baseUrl: string;
}

/**
 * `reminders.digest`: runs in the transaction that marks its outbox row done, with the user's
 * association set. Sends once: the day's digest row is locked and marked sent; a row already sent
 * (a retry after the mail went out) is left alone. Nothing is sent to a user without an email or
 * no longer active, or when nothing is open any more. A failure of the SMTP server fails the job
 * (retried with backoff); a commit lost after the mail went out may send it twice, never zero times.
 */
export function reminderDigestHandlers(mail: () => DigestMailer): {
  [REMINDER_DIGEST_JOB]: JobHandler<'reminders.digest'>;
} {
  const send: JobHandler<'reminders.digest'> = async (ctx, payload) => {
    const { mailer, baseUrl } = mail();
    const day = digestDay(payload.day);
    const [digest] = await ctx.manager.query<{ id: string; sent_at: Date | null }[]>(
      `SELECT id, sent_at FROM reminder_digest WHERE user_id = $1::uuid AND day = $2::date FOR UPDATE`,
      [payload.userId, day],
    );
    if (!digest || digest.sent_at) return;
    const [user] = await ctx.manager.query<{ email: string | null }[]>(
      `SELECT email FROM user_account WHERE id = $1::uuid AND status = 'active'`,
      [payload.userId],
    );
    if (!user?.email) return;
    const [counts] = await ctx.manager.query<DigestCounts[]>(
      `SELECT count(*) FILTER (WHERE r.due_on < $2::date)::int AS overdue,
              count(*) FILTER (WHERE r.due_on = $2::date)::int AS today ${OPEN_FOR_USER}`,
      [payload.userId, day],
    );
    if (!counts || counts.overdue + counts.today === 0) return;
    if (!mailer.configured) throw new OutboxError('JOB_NO_SMTP');
    await mailer.send(reminderDigestMail(user.email, day, counts, baseUrl));
    await ctx.manager.query(`UPDATE reminder_digest SET sent_at = $2 WHERE id = $1`, [digest.id, ctx.now]);
  };
  return { [REMINDER_DIGEST_JOB]: send };
}
