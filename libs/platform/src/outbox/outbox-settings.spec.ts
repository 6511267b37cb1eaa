import { ConfigError, loadConfig } from '../config/config';
import { outboxSettings } from './outbox-settings';

describe('outboxSettings', () => {
  it('has the defaults of DESIGN.md: relay every 2 s, sweep every 60 s', () => {
    expect(outboxSettings(loadConfig({}))).toEqual({
      relayIntervalMs: 2_000,
      sweepIntervalMs: 60_000,
      sweepStaleMs: 60_000,
      retry: { maxAttempts: 5, backoffBaseMs: 60_000, backoffMaxMs: 3_600_000 },
      concurrency: 10,
      lockMs: 30_000,
    });
  });

  it('reads lowered values (the fault suite)', () => {
    const settings = outboxSettings(
      loadConfig({
        OUTBOX_RELAY_INTERVAL_MS: '200',
        OUTBOX_SWEEP_INTERVAL_MS: '3000',
        OUTBOX_SWEEP_STALE_MS: '1000',
        JOB_MAX_ATTEMPTS: '3',
        JOB_BACKOFF_BASE_MS: '100',
        JOB_LOCK_MS: '2000',
      }),
    );
    expect(settings).toMatchObject({
      relayIntervalMs: 200,
      sweepIntervalMs: 3_000,
      sweepStaleMs: 1_000,
      lockMs: 2_000,
    });
    expect(settings.retry).toEqual({ maxAttempts: 3, backoffBaseMs: 100, backoffMaxMs: 3_600_000 });
  });

  it('never caps the backoff below its base', () => {
    const settings = outboxSettings(loadConfig({ JOB_BACKOFF_BASE_MS: '5000', JOB_BACKOFF_MAX_MS: '1000' }));
    expect(settings.retry.backoffMaxMs).toBe(5_000);
  });

  it.each([
    ['OUTBOX_RELAY_INTERVAL_MS', '0'],
    ['OUTBOX_RELAY_INTERVAL_MS', 'fast'],
    ['OUTBOX_SWEEP_INTERVAL_MS', '-1'],
    ['OUTBOX_SWEEP_STALE_MS', '1.5'],
    ['JOB_MAX_ATTEMPTS', '0'],
    ['JOB_BACKOFF_BASE_MS', '1'],
    ['JOB_CONCURRENCY', '1000'],
    ['JOB_LOCK_MS', '10'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
