/** Reminders and notifications: what the API and the web UI exchange. */
export type ReminderStatus = 'pending' | 'notified' | 'done' | 'snoozed' | 'cancelled';
export type ReminderBucket = 'overdue' | 'today' | 'week' | 'later';
export const REMINDER_BUCKETS: readonly ReminderBucket[] = ['overdue', 'today', 'week', 'later'];

/** Carried by a reminder that leads to contacting the person. */
export interface ContactConstraint {
  neverCall: boolean;
  hours: string | null;
}

export interface ReminderView {
  id: string;
  kind: string;
  sourceKind: string;
  sourceId: string;
  personId: string | null;
  siteId: string | null;
  dueOn: string;
  deadlineOn: string | null;
  status: ReminderStatus;
  snoozedUntil: string | null;
  bucket: ReminderBucket;
  assigneeUserId: string | null;
  assigneeRole: string | null;
  contact: ContactConstraint | null;
  version: number;
}

/** A reminder in a list, with the file's number and name when the viewer may see the file. */
export interface ReminderItem extends ReminderView {
  person?: { fileNumber: string; displayName: string } | null;
}

export interface NotificationView {
  id: string;
  reminderId: string;
  kind: string;
  personId: string | null;
  dueOn: string;
  deadlineOn: string | null;
  createdAt: string;
  readAt: string | null;
}
