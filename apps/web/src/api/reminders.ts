// Reminders and notifications (issue "Reminders"): what the signed-in user must act on.
import { apiRequest } from './client';

export type ReminderBucket = 'overdue' | 'today' | 'week' | 'later';
export type ReminderStatus = 'pending' | 'notified' | 'done' | 'snoozed' | 'cancelled';

export interface Reminder {
  id: string;
  kind: string;
  personId: string | null;
  siteId: string | null;
  dueOn: string;
  deadlineOn: string | null;
  status: ReminderStatus;
  snoozedUntil: string | null;
  bucket: ReminderBucket;
  assigneeUserId: string | null;
  assigneeRole: string | null;
  contact: { neverCall: boolean; hours: string | null } | null;
  version: number;
  /** Present on the lists when the viewer may see the file. */
  person?: { fileNumber: string; displayName: string } | null;
}

export interface AppNotification {
  id: string;
  reminderId: string;
  kind: string;
  personId: string | null;
  dueOn: string;
  deadlineOn: string | null;
  createdAt: string;
  readAt: string | null;
}

export const BUCKETS: readonly ReminderBucket[] = ['overdue', 'today', 'week', 'later'];

export const reminderKeys = {
  all: ['reminders'] as const,
  mine: () => ['reminders', 'mine'] as const,
  overdue: () => ['reminders', 'overdue'] as const,
  person: (id: string) => ['reminders', 'person', id] as const,
  notifications: () => ['reminders', 'notifications'] as const,
  unread: () => ['reminders', 'unread'] as const,
};

export function fetchMyReminders(signal?: AbortSignal): Promise<{ items: Reminder[] }> {
  return apiRequest('GET', '/api/reminders', { signal });
}

export function fetchOverdueReminders(signal?: AbortSignal): Promise<{ items: Reminder[] }> {
  return apiRequest('GET', '/api/reminders/overdue', { signal });
}

export function fetchPersonReminders(id: string, signal?: AbortSignal): Promise<{ items: Reminder[] }> {
  return apiRequest('GET', `/api/persons/${encodeURIComponent(id)}/reminders`, { signal });
}

export function markReminderDone(reminder: Pick<Reminder, 'id' | 'version'>): Promise<Reminder> {
  return apiRequest('POST', `/api/reminders/${encodeURIComponent(reminder.id)}/done`, {
    body: { version: reminder.version },
  });
}

export function snoozeReminder(reminder: Pick<Reminder, 'id' | 'version'>, until: string): Promise<Reminder> {
  return apiRequest('POST', `/api/reminders/${encodeURIComponent(reminder.id)}/snooze`, {
    body: { version: reminder.version, until },
  });
}

export function fetchNotifications(signal?: AbortSignal): Promise<{ items: AppNotification[]; unread: number }> {
  return apiRequest('GET', '/api/notifications', { signal });
}

export function fetchUnreadCount(signal?: AbortSignal): Promise<{ unread: number }> {
  return apiRequest('GET', '/api/notifications/unread-count', { signal });
}

export function markNotificationRead(id: string): Promise<void> {
  return apiRequest('POST', `/api/notifications/${encodeURIComponent(id)}/read`);
}

export function markAllNotificationsRead(): Promise<void> {
  return apiRequest('POST', '/api/notifications/read-all');
}

/** The calendar day `days` after today in Paris, as YYYY-MM-DD (snooze choices). */
export function parisDayAfter(days: number, now: Date = new Date()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}
