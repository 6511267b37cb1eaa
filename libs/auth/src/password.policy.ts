import { dictionary } from '@zxcvbn-ts/language-common';
import { AuthErrorCode } from './auth.errors';

// ~49,000 common passwords bundled with zxcvbn-ts (ASVS 6.2.4: refuse the most common ones).
const COMMON = new Set<string>((dictionary as Record<string, string[]>)['passwords-common'] ?? []);

export interface PasswordRules {
  passwordMinLength: number;
  passwordMaxLength: number;
}

/**
 * Length and commonness only: any characters, no composition rules (ASVS 6.2.1, 6.2.5, NIST
 * 800-63B). Length counts Unicode code points, so accents and emoji count once.
 */
export function checkPassword(password: string, rules: PasswordRules): AuthErrorCode | null {
  const length = [...password].length;
  if (length < rules.passwordMinLength) return AuthErrorCode.PasswordTooShort;
  if (length > rules.passwordMaxLength) return AuthErrorCode.PasswordTooLong;
  const normalised = password.normalize('NFKC').toLowerCase();
  if (COMMON.has(normalised) || COMMON.has(normalised.replace(/\d+$/, ''))) return AuthErrorCode.PasswordTooCommon;
  return null;
}

export function commonPasswordCount(): number {
  return COMMON.size;
}
