import { SYSTEM_HANDLERS, type JobHandlerMap } from '@app/platform';
import { REMINDER_HANDLERS } from '@app/reminders';

/**
 * One handler per job name; the type makes a missing one a compile error, the boot check a start-up
 * error. The API's in-process runner (no REDIS_URL) takes the same handlers from the libs: add a
 * domain lib's handlers to both maps.
 */
export const handlers: JobHandlerMap = {
  ...SYSTEM_HANDLERS,
  ...REMINDER_HANDLERS,
};
