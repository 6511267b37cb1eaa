import { generateSync } from 'otplib';
import { matchingStep, newTotpSecret, timeStep, totpUri } from './totp';

const secret = newTotpSecret();
const now = new Date('2026-05-04T12:00:10Z');
const codeAt = (stepOffset: number) =>
  generateSync({ secret, epoch: (timeStep(now) + stepOffset) * 30, period: 30, digits: 6 });

describe('TOTP', () => {
  it.each([
    [-2, null],
    [-1, -1],
    [0, 0],
    [1, 1],
    [2, null],
  ])('a code from step offset %i → accepted at offset %p (±1 step tolerance)', (offset, expected) => {
    const step = matchingStep(secret, codeAt(offset), now, 1, null);
    expect(step === null ? null : step - timeStep(now)).toBe(expected);
  });

  it('accepts each step once: the same code replayed is refused', () => {
    const step = matchingStep(secret, codeAt(0), now, 1, null);
    expect(step).not.toBeNull();
    expect(matchingStep(secret, codeAt(0), now, 1, step)).toBeNull();
    expect(matchingStep(secret, codeAt(-1), now, 1, step)).toBeNull();
    expect(matchingStep(secret, codeAt(1), now, 1, step)).toBe(step! + 1);
  });

  it.each(['', '12345', '1234567', 'abcdef', '12 456'])('refuses the malformed code %p', (code) => {
    expect(matchingStep(secret, code, now, 1, null)).toBeNull();
  });

  it('builds an otpauth URI with issuer and label', () => {
    const uri = totpUri(secret, 'Envol', 'worker@example.test');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Envol');
  });
});
