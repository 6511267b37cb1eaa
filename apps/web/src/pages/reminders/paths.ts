export const REMINDERS_PATH = '/reminders';
export const NOTIFICATIONS_PATH = '/notifications';
