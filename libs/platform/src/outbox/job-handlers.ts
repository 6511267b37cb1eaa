import type { RequestContext } from '../database/request-context';
import { JOB_NAMES, type JobName, type JobPayloads } from '../queue/queues';
import { OutboxError } from './outbox.rules';

/**
 * A job handler runs in the transaction that marks its outbox row done, as `envol_app` with the
 * row's association set: its effect and `done` commit together or not at all, so running it twice
 * changes nothing (the second run finds the row done).
 */
export type JobHandler<N extends JobName> = (ctx: RequestContext, payload: JobPayloads[N]) => Promise<void>;
export type JobHandlerMap = { [N in JobName]: JobHandler<N> };

/** Job names without a handler; the worker and the in-process runner refuse to start on any. */
export function missingHandlers(handlers: Partial<Record<string, unknown>>): JobName[] {
  return JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
}

/** The platform's own jobs. Both entry points (worker, in-process runner) include them. */
export const SYSTEM_HANDLERS: Pick<JobHandlerMap, 'system.ping' | 'system.poison'> = {
  // Its effect is the `done` mark itself (and the row's effect counter).
  'system.ping': () => Promise.resolve(),
  'system.poison': () => Promise.reject(new OutboxError('JOB_POISON')),
};
