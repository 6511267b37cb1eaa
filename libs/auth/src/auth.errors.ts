import { AppError } from '@app/platform';

export enum AuthErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  InvalidMfaCode = 'INVALID_MFA_CODE',
  MfaNotPending = 'MFA_NOT_PENDING',
  EnrolmentNotStarted = 'MFA_ENROLMENT_NOT_STARTED',
  Unauthenticated = 'UNAUTHENTICATED',
  SessionExpired = 'SESSION_EXPIRED',
  CsrfTokenInvalid = 'CSRF_TOKEN_INVALID',
  PasswordTooShort = 'PASSWORD_TOO_SHORT',
  PasswordTooLong = 'PASSWORD_TOO_LONG',
  PasswordTooCommon = 'PASSWORD_TOO_COMMON',
  ResetLinkInvalid = 'RESET_LINK_INVALID',
  EmailTaken = 'EMAIL_TAKEN',
  AccountNotFound = 'ACCOUNT_NOT_FOUND',
}

const MESSAGES: Record<AuthErrorCode, [number, string]> = {
  // One answer for unknown account, wrong password and disabled account: no enumeration.
  [AuthErrorCode.InvalidCredentials]: [401, 'Email or password incorrect'],
  [AuthErrorCode.TooManyAttempts]: [429, 'Too many attempts; try again later'],
  [AuthErrorCode.InvalidMfaCode]: [401, 'This code is not valid'],
  [AuthErrorCode.MfaNotPending]: [409, 'No second step is pending for this session'],
  [AuthErrorCode.EnrolmentNotStarted]: [409, 'Start the enrolment first'],
  [AuthErrorCode.Unauthenticated]: [401, 'Authentication required'],
  [AuthErrorCode.SessionExpired]: [401, 'Your session has expired; sign in again'],
  [AuthErrorCode.CsrfTokenInvalid]: [403, 'Missing or invalid CSRF token'],
  [AuthErrorCode.PasswordTooShort]: [400, 'The password is too short'],
  [AuthErrorCode.PasswordTooLong]: [400, 'The password is too long'],
  [AuthErrorCode.PasswordTooCommon]: [400, 'This password is too common'],
  [AuthErrorCode.ResetLinkInvalid]: [400, 'This link is not valid any more; ask an administrator for a new one'],
  [AuthErrorCode.EmailTaken]: [409, 'An account with this email already exists'],
  [AuthErrorCode.AccountNotFound]: [404, 'Account not found'],
};

export function authError(code: AuthErrorCode, headers: Record<string, string> = {}): AppError {
  const [status, message] = MESSAGES[code];
  return new AppError(code, status, message, [], headers);
}
