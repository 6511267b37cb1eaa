import type { AppConfig } from '../config/config';
import type { RetrySettings } from './outbox.rules';

/** The outbox and job settings, read once from the validated configuration. */
export interface OutboxSettings {
  relayIntervalMs: number;
  sweepIntervalMs: number;
  sweepStaleMs: number;
  retry: RetrySettings;
  concurrency: number;
  lockMs: number;
}

export function outboxSettings(config: AppConfig): OutboxSettings {
  return {
    relayIntervalMs: config.OUTBOX_RELAY_INTERVAL_MS,
    sweepIntervalMs: config.OUTBOX_SWEEP_INTERVAL_MS,
    sweepStaleMs: config.OUTBOX_SWEEP_STALE_MS,
    retry: {
      maxAttempts: config.JOB_MAX_ATTEMPTS,
      backoffBaseMs: config.JOB_BACKOFF_BASE_MS,
      backoffMaxMs: Math.max(config.JOB_BACKOFF_MAX_MS, config.JOB_BACKOFF_BASE_MS),
    },
    concurrency: config.JOB_CONCURRENCY,
    lockMs: config.JOB_LOCK_MS,
  };
}
