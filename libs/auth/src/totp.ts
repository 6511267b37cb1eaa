import { generateSecret, generateSync, generateURI } from 'otplib';
import { timingSafeEqual } from 'node:crypto';

const PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, issuer: string, label: string): string {
  return generateURI({ issuer, label, secret, period: PERIOD_SECONDS, digits: 6 });
}

export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

/**
 * The time step a code belongs to, within ±tolerance steps of now and strictly after the last
 * accepted step (each step is accepted once: a replayed or older code is refused), else null.
 */
export function matchingStep(
  secret: string,
  code: string,
  now: Date,
  tolerance: number,
  lastAcceptedStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = timeStep(now);
  for (let offset = -tolerance; offset <= tolerance; offset++) {
    const step = current + offset;
    if (lastAcceptedStep !== null && step <= lastAcceptedStep) continue;
    const expected = generateSync({ secret, epoch: step * PERIOD_SECONDS, period: PERIOD_SECONDS, digits: 6 });
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code))) return step;
  }
  return null;
}
