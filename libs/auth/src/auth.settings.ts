/**
 * Authentication settings with their defaults (DESIGN.md "Defaults"; OWASP ASVS 5.0 for the
 * argon2id floor). Tests and deployments override them; code never repeats the numbers.
 */
export class AuthSettings {
  sessionIdleMinutes = 30;
  sessionAbsoluteHours = 10;
  /** How stale `last_seen_at` may get before a request writes it again. */
  sessionTouchSeconds = 60;
  /** Pre-authentication (between password and MFA) lasts this long at most. */
  preAuthMinutes = 10;
  accountMaxFailures = 6;
  accountWindowMinutes = 15;
  accountLockMinutes = 15;
  ipMaxFailures = 50;
  ipWindowMinutes = 15;
  ipLockMinutes = 15;
  resetLinkHours = 48;
  totpToleranceSteps = 1;
  recoveryCodeCount = 10;
  /** argon2id: m=19456 KiB, t=2, p=1 at least (ASVS 5.0 appendix C; OWASP password storage). */
  argon2MemoryKiB = 19456;
  argon2TimeCost = 2;
  argon2Parallelism = 1;
  passwordMinLength = 12;
  passwordMaxLength = 256;
  /** Shown in authenticator apps. */
  totpIssuer = 'Envol';

  static with(overrides: Partial<AuthSettings>): AuthSettings {
    return Object.assign(new AuthSettings(), overrides);
  }
}
