import { caseworkJobHandlers } from '@app/casework';
import { documentsJobHandlers } from '@app/documents';
import { peopleJobHandlers } from '@app/people';
import { FieldCipher, OutboxError, SYSTEM_HANDLERS, type JobHandlerMap, type Keys } from '@app/platform';
import { REMINDER_HANDLERS, reminderDigestHandlers, RemindersService, type DigestMailer } from '@app/reminders';

/**
 * One handler per job name; the type makes a missing one a compile error, the boot check a start-up
 * error. The API's in-process runner (no REDIS_URL) takes the same handlers from the libs: add a
 * domain lib's handlers to both maps. The domain jobs that read or write encrypted fields need the
 * key file: without it they fail with JOB_NO_KEYS (retried, then parked for the admins). The reminder
 * digests send through `mail` (SMTP_URL; enqueued only when it is set).
 */
export function handlersWith(keys: Keys | undefined, mail: DigestMailer): JobHandlerMap {
  const fieldCipher = keys ? new FieldCipher(keys) : undefined;
  const cipher = (): FieldCipher => {
    if (!fieldCipher) throw new OutboxError('JOB_NO_KEYS');
    return fieldCipher;
  };
  const reminders = (): RemindersService => new RemindersService(cipher());
  return {
    ...SYSTEM_HANDLERS,
    ...REMINDER_HANDLERS,
    ...reminderDigestHandlers(() => mail),
    ...peopleJobHandlers(cipher),
    ...caseworkJobHandlers(reminders),
    ...documentsJobHandlers(reminders),
  };
}
