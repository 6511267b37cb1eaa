import type { JobName, JobPayloads } from '@app/platform';

export type Handler<N extends JobName> = (payload: JobPayloads[N]) => Promise<void>;
export type HandlerMap = { [N in JobName]: Handler<N> };

/** One handler per job name; the type makes a missing one a compile error, the boot check a start-up error. */
export const handlers: HandlerMap = {
  'system.ping': () => Promise.resolve(),
};
