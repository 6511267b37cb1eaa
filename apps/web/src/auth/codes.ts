// Formatting of one-time codes, enrolment secrets and recovery codes. Pure, so unit-tested.

/** A 6-digit TOTP code as typed (spaces allowed, "123 456"), or null when it is not one. */
export function normaliseTotpCode(input: string): string | null {
  const code = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * A recovery code as typed: surrounding and inner spaces dropped, letters kept as typed (the
 * server decides how it compares them). Null when nothing is left.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.replace(/\s+/g, '');
  return code === '' ? null : code;
}

/** The base32 secret in groups of 4, for typing by hand into an authenticator app. */
export function groupSecret(secret: string, size = 4): string {
  const compact = secret.replace(/\s+/g, '').toUpperCase();
  return compact.match(new RegExp(`.{1,${size}}`, 'g'))?.join(' ') ?? '';
}

/** The downloadable text file of recovery codes: a header line, a blank line, one code a line. */
export function recoveryCodesText(header: string, codes: readonly string[]): string {
  return `${header}\n\n${codes.join('\n')}\n`;
}
