import { addDays, format, parseISO } from 'date-fns';
import { TZDate } from '@date-fns/tz';

import type { ContactConstraint, ReminderBucket, ReminderStatus } from '@app/contracts';

export type { ContactConstraint, ReminderBucket, ReminderStatus } from '@app/contracts';
export const OPEN_STATUSES: readonly ReminderStatus[] = ['pending', 'notified', 'snoozed'];

/** Who must act: the person's referent (the site's coordinators while there is none), or a role. */
export type ReminderAssignee =
  | { kind: 'referent'; userId: string | null; siteId: string | null }
  | { kind: 'role'; role: 'coordinator' | 'admin'; siteId: string | null };

/** What a domain lib hands over for one of its records. */
export interface ReminderInput {
  /** Stable within the source ("period_end_90:2"): the same key next time is the same reminder. */
  key: string;
  kind: string;
  dueOn: string;
  deadlineOn?: string | null;
  personId?: string | null;
  assignee: ReminderAssignee;
  /** Set when acting on the reminder means contacting the person. */
  contact?: ContactConstraint | null;
}

export interface ReminderSource {
  kind: string;
  id: string;
}

/** The stored reminders of a source, as the plan needs them. */
export interface ExistingReminder {
  id: string;
  key: string;
  status: ReminderStatus;
  dueOn: string;
}

export interface UpsertPlan {
  insert: ReminderInput[];
  /** Open (pending or snoozed) reminders replaced in place: dates, assignee, back to pending. */
  replace: { id: string; input: ReminderInput }[];
  /** Same date, not delivered yet or delivered: only the assignee and contact are refreshed. */
  refresh: { id: string; input: ReminderInput }[];
  cancel: string[];
}

/**
 * How `upsertForSource` moves a source's reminders: pending and snoozed
 * ones are replaced; a notified one whose date moved is cancelled and a new one raised; done ones
 * stay done; reminders the source no longer asks for are cancelled (done ones excepted). Pure.
 */
export function planUpsert(existing: readonly ExistingReminder[], incoming: readonly ReminderInput[]): UpsertPlan {
  const plan: UpsertPlan = { insert: [], replace: [], refresh: [], cancel: [] };
  const live = new Map<string, ExistingReminder>();
  for (const reminder of existing) {
    if (reminder.status === 'cancelled') continue;
    const known = live.get(reminder.key);
    // A key can have a done reminder and, after it, a newer one: the open one is the one to move.
    if (!known || known.status === 'done') live.set(reminder.key, reminder);
  }
  const wanted = new Set<string>();
  for (const input of incoming) {
    if (wanted.has(input.key)) throw new RangeError(`Duplicate reminder key ${input.key}`);
    wanted.add(input.key);
    const current = live.get(input.key);
    if (!current) plan.insert.push(input);
    else if (current.status === 'done') continue;
    else if (current.status === 'notified') {
      if (current.dueOn === input.dueOn) plan.refresh.push({ id: current.id, input });
      else {
        plan.cancel.push(current.id);
        plan.insert.push(input);
      }
    } else if (current.dueOn === input.dueOn && current.status === 'pending') {
      plan.refresh.push({ id: current.id, input });
    } else plan.replace.push({ id: current.id, input });
  }
  for (const [key, reminder] of live) {
    if (!wanted.has(key) && reminder.status !== 'done') plan.cancel.push(reminder.id);
  }
  return plan;
}

/** The day a reminder is expected: its snooze date while snoozed, else its due date. */
export function effectiveDay(reminder: { status: string; dueOn: string; snoozedUntil: string | null }): string {
  return reminder.status === 'snoozed' && reminder.snoozedUntil ? reminder.snoozedUntil : reminder.dueOn;
}

/** "My reminders": overdue, today, within the next 7 days, later (calendar days in Paris). */
export function bucketOf(day: string, today: string): ReminderBucket {
  if (day < today) return 'overdue';
  if (day === today) return 'today';
  if (day <= addDaysIso(today, 7)) return 'week';
  return 'later';
}

export function addDaysIso(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd');
}

/** The calendar day in Paris at an instant (legal dates have no time of day: domain/psp.md). */
export function parisDay(now: Date): string {
  return format(new TZDate(now, 'Europe/Paris'), 'yyyy-MM-dd');
}
