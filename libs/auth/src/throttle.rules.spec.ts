import { EMPTY_THROTTLE, lockRemainingSeconds, recordFailure, type ThrottleState } from './throttle.rules';

const limit = { maxFailures: 6, windowMinutes: 15, lockMinutes: 15 };
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function fail(times: number, start: ThrottleState = EMPTY_THROTTLE, minute = 0): ThrottleState {
  let s = start;
  for (let i = 0; i < times; i++) s = recordFailure(s, at(minute), limit);
  return s;
}

describe('throttle rules', () => {
  it.each([
    [1, 0],
    [5, 0],
    [6, 900],
  ])('after %i failures the lock lasts %i s', (n, seconds) => {
    expect(lockRemainingSeconds(fail(n), t0)).toBe(seconds);
  });

  it('expires by itself after the lock time', () => {
    const locked = fail(6);
    expect(lockRemainingSeconds(locked, at(14.99))).toBeGreaterThan(0);
    expect(lockRemainingSeconds(locked, at(15))).toBe(0);
  });

  it('starts counting afresh after the lock has expired', () => {
    const again = recordFailure(fail(6), at(16), limit);
    expect(again.failures).toBe(1);
    expect(lockRemainingSeconds(again, at(16))).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const s = recordFailure(fail(5), at(15), limit);
    expect(s.failures).toBe(1);
  });

  it('counts failures spread inside the window', () => {
    let s = EMPTY_THROTTLE;
    for (let i = 0; i < 6; i++) s = recordFailure(s, at(i * 2), limit);
    expect(lockRemainingSeconds(s, at(10))).toBe(900 - 0);
  });
});
