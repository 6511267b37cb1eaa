import { REMINDER_HANDLERS } from '@app/reminders';
import { SYSTEM_HANDLERS, type JobHandlerMap } from '@app/platform';

/**
 * The handlers the API's in-process runner uses when there is no REDIS_URL; apps/worker composes
 * the same map (apps do not import each other). The type makes a missing handler a compile error.
 */
export const JOB_HANDLERS: JobHandlerMap = {
  ...SYSTEM_HANDLERS,
  ...REMINDER_HANDLERS,
};
