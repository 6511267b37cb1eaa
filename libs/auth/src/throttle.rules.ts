/**
 * Counting failed attempts (login, MFA, recovery) per key: an account's typed email, a client
 * address, a user's second step. Pure: the repository stores the state, these rules decide.
 * DESIGN.md defaults: per account 6 failures in 15 min → locked 15 min; per address 50 in 15 min.
 */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date | null;
  lockedUntil: Date | null;
}

export interface ThrottleLimit {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

const MINUTE = 60_000;

export const EMPTY_THROTTLE: ThrottleState = { failures: 0, windowStartedAt: null, lockedUntil: null };

/** Seconds until the lock lifts, or 0 when not locked (the lock expires by itself). */
export function lockRemainingSeconds(state: ThrottleState, now: Date): number {
  if (!state.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
}

export function recordFailure(state: ThrottleState, now: Date, limit: ThrottleLimit): ThrottleState {
  const lockExpired = state.lockedUntil !== null && state.lockedUntil <= now;
  const windowExpired =
    state.windowStartedAt === null || now.getTime() - state.windowStartedAt.getTime() >= limit.windowMinutes * MINUTE;
  const base = lockExpired || windowExpired ? { ...EMPTY_THROTTLE, windowStartedAt: now } : state;
  const failures = base.failures + 1;
  const lockedUntil =
    failures >= limit.maxFailures ? new Date(now.getTime() + limit.lockMinutes * MINUTE) : base.lockedUntil;
  return { failures, windowStartedAt: base.windowStartedAt, lockedUntil };
}

export function recordSuccess(): ThrottleState {
  return { ...EMPTY_THROTTLE };
}
