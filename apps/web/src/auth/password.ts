// Client-side checks of a new password, mirroring the server's rule (libs/auth password.policy):
// length only, counted in Unicode code points; the server also refuses common passwords.

export const PASSWORD_MIN_LENGTH = 12;

export interface NewPasswordProblems {
  readonly newPassword?: 'tooShort';
  readonly confirmation?: 'mismatch';
}

export function passwordLength(password: string): number {
  return [...password].length;
}

export function checkNewPassword(newPassword: string, confirmation: string): NewPasswordProblems {
  const problems: { newPassword?: 'tooShort'; confirmation?: 'mismatch' } = {};
  if (passwordLength(newPassword) < PASSWORD_MIN_LENGTH) problems.newPassword = 'tooShort';
  if (newPassword !== confirmation) problems.confirmation = 'mismatch';
  return problems;
}

/** The error codes that concern the new password field rather than the whole form. */
export const NEW_PASSWORD_CODES: ReadonlySet<string> = new Set([
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_TOO_COMMON',
]);
