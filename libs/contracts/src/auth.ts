/** What `POST /api/auth/login` and `POST /api/auth/mfa` say comes next. */
export type LoginNext = 'mfa' | 'enrol' | 'done';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  next: LoginNext;
}

export interface MfaRequest {
  /** A 6-digit TOTP code, or one of the recovery codes (`xxxxx-xxxxx`). */
  code: string;
}

export interface MfaEnrolmentResponse {
  otpauthUrl: string;
  /** The same secret in base32, for typing into an app by hand. */
  secret: string;
}

export interface MfaEnrolmentConfirmResponse {
  /** Shown once; each works once. */
  recoveryCodes: string[];
  next: LoginNext;
}

export interface PasswordChangeRequest {
  currentPassword: string;
  newPassword: string;
}

export interface PasswordResetRequest {
  token: string;
  newPassword: string;
}

/** `GET /api/me`: the signed-in user, with the CSRF token to send as `x-csrf-token` on writes. */
export interface Me {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  associationId: string | null;
  mfaEnabled: boolean;
  mfaRequired: boolean;
  csrfToken: string;
  /** 'done' once fully signed in; 'mfa' or 'enrol' during the second step. */
  stage: LoginNext;
}

export const CSRF_HEADER = 'x-csrf-token';

/** Error codes the UI translates (`code` of the error body). */
export const AUTH_ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'INVALID_MFA_CODE',
  'MFA_NOT_PENDING',
  'MFA_ENROLMENT_NOT_STARTED',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'CSRF_TOKEN_INVALID',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_TOO_COMMON',
  'RESET_LINK_INVALID',
  'EMAIL_TAKEN',
  'ACCOUNT_NOT_FOUND',
] as const;
