export { armDueReminders, notifyReminder, REMINDER_HANDLERS, REMINDER_NOTIFY_JOB } from './delivery';
export {
  armReminderDigests,
  parisHour,
  REMINDER_DIGEST_JOB,
  reminderDigestHandlers,
  reminderDigestMail,
  type DigestCounts,
  type DigestMailer,
} from './digest';
export { Notification, Reminder, ReminderDigest } from './reminder.entity';
export {
  addDaysIso,
  bucketOf,
  effectiveDay,
  parisDay,
  planUpsert,
  type ContactConstraint,
  type ReminderAssignee,
  type ReminderBucket,
  type ReminderInput,
  type ReminderSource,
  type ReminderStatus,
} from './reminders.rules';
export {
  RemindersErrorCode,
  remindersError,
  RemindersService,
  type NotificationView,
  type ReminderView,
  type ReminderViewer,
} from './reminders.service';

import { Notification, Reminder, ReminderDigest } from './reminder.entity';

export const REMINDER_ENTITIES = [Reminder, Notification, ReminderDigest];

/** The encrypted columns, for data-key rotation. */
export const REMINDERS_ENCRYPTED_COLUMNS = [{ table: 'reminder', column: 'contact' }];
