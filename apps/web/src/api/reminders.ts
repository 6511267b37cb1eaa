// Reminders and notifications: what the signed-in user must act on.
import type { NotificationView, ReminderItem } from '@app/contracts';
import { apiRequest } from './client';

export type { ReminderBucket, ReminderItem as Reminder, NotificationView as AppNotification } from '@app/contracts';
export { REMINDER_BUCKETS as BUCKETS } from '@app/contracts';

export const reminderKeys = {
  all: ['reminders'] as const,
  mine: () => ['reminders', 'mine'] as const,
  overdue: () => ['reminders', 'overdue'] as const,
  person: (id: string) => ['reminders', 'person', id] as const,
  notifications: () => ['reminders', 'notifications'] as const,
  unread: () => ['reminders', 'unread'] as const,
};

export function fetchMyReminders(signal?: AbortSignal): Promise<{ items: ReminderItem[] }> {
  return apiRequest('GET', '/api/reminders', { signal });
}

export function fetchOverdueReminders(signal?: AbortSignal): Promise<{ items: ReminderItem[] }> {
  return apiRequest('GET', '/api/reminders/overdue', { signal });
}

export function fetchPersonReminders(id: string, signal?: AbortSignal): Promise<{ items: ReminderItem[] }> {
  return apiRequest('GET', `/api/persons/${encodeURIComponent(id)}/reminders`, { signal });
}

export function markReminderDone(reminder: Pick<ReminderItem, 'id' | 'version'>): Promise<ReminderItem> {
  return apiRequest('POST', `/api/reminders/${encodeURIComponent(reminder.id)}/done`, {
    body: { version: reminder.version },
  });
}

export function snoozeReminder(reminder: Pick<ReminderItem, 'id' | 'version'>, until: string): Promise<ReminderItem> {
  return apiRequest('POST', `/api/reminders/${encodeURIComponent(reminder.id)}/snooze`, {
    body: { version: reminder.version, until },
  });
}

export function fetchNotifications(signal?: AbortSignal): Promise<{ items: NotificationView[]; unread: number }> {
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
