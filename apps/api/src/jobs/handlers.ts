import { caseworkJobHandlers } from '@app/casework';
import { documentsJobHandlers } from '@app/documents';
import { peopleJobHandlers } from '@app/people';
import { REMINDER_HANDLERS, reminderDigestHandlers, RemindersService, type DigestMailer } from '@app/reminders';
import {
  FieldCipher,
  Mailer,
  OutboxError,
  SYSTEM_HANDLERS,
  type AppConfig,
  type JobHandlerMap,
  type Keys,
} from '@app/platform';

let jobCipher: FieldCipher | undefined;
let jobMailer: DigestMailer | undefined;

/**
 * The keys the domain jobs decrypt and encrypt with (safe contacts, reminders' contact constraints).
 * A process has one key file: `createApp` binds it here, so the map below stays a constant.
 */
export function bindJobKeys(keys: Keys): void {
  jobCipher = new FieldCipher(keys);
}

/** The mailer of the reminder digests (SMTP_URL, MAIL_FROM, PUBLIC_URL): bound by `createApp` too. */
export function bindJobMailer(config: AppConfig): void {
  jobMailer?.mailer.close();
  jobMailer = { mailer: new Mailer(config), baseUrl: config.baseUrl };
}

const mailer = (): DigestMailer => {
  if (!jobMailer) throw new OutboxError('JOB_NO_SMTP');
  return jobMailer;
};
const cipher = (): FieldCipher => {
  if (!jobCipher) throw new OutboxError('JOB_NO_KEYS');
  return jobCipher;
};
const reminders = (): RemindersService => new RemindersService(cipher());

/**
 * The handlers the API's in-process runner uses when there is no REDIS_URL; apps/worker composes
 * the same map (apps do not import each other). The type makes a missing handler a compile error.
 */
export const JOB_HANDLERS: JobHandlerMap = {
  ...SYSTEM_HANDLERS,
  ...REMINDER_HANDLERS,
  ...reminderDigestHandlers(mailer),
  ...peopleJobHandlers(cipher),
  ...caseworkJobHandlers(reminders),
  ...documentsJobHandlers(reminders),
};
