// The authentication routes (DESIGN.md "HTTP API", libs/contracts/src/auth.ts).
import type {
  LoginRequest,
  LoginResponse,
  Me,
  MfaEnrolmentConfirmResponse,
  MfaEnrolmentResponse,
  PasswordChangeRequest,
  PasswordResetRequest,
} from '@app/contracts';
import { apiRequest, isApiError, setCsrfToken } from './client';

/** Why there is no session any more, to say so on the sign-in page. */
export type SessionEnd = 'expired' | 'signedOut';

/** What the UI knows of the session: the user (any stage), or nobody and possibly why. */
export interface Session {
  readonly me: Me | null;
  readonly ended?: SessionEnd;
}

/**
 * GET /api/me. A 401 is an answer ("nobody"), not a failure. When a user was signed in before
 * (`previous`), nobody now means the session expired; otherwise the previous reason is kept, so a
 * background refetch does not erase "you are signed out" from the sign-in page.
 */
export async function fetchSession(previous: Session | undefined, signal?: AbortSignal): Promise<Session> {
  try {
    const me = await apiRequest<Me>('GET', '/api/me', { signal, quietUnauthenticated: true });
    setCsrfToken(me.csrfToken);
    return { me };
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      const ended = previous?.me ? 'expired' : previous?.ended;
      return ended ? { me: null, ended } : { me: null };
    }
    throw error;
  }
}

export function login(request: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('POST', '/api/auth/login', { body: request });
}

export function verifyMfa(code: string): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('POST', '/api/auth/mfa', { body: { code } });
}

export function startMfaEnrolment(): Promise<MfaEnrolmentResponse> {
  return apiRequest<MfaEnrolmentResponse>('POST', '/api/auth/mfa/enrolment');
}

export function confirmMfaEnrolment(code: string): Promise<MfaEnrolmentConfirmResponse> {
  return apiRequest<MfaEnrolmentConfirmResponse>('POST', '/api/auth/mfa/enrolment/confirm', { body: { code } });
}

export function logout(): Promise<void> {
  return apiRequest<void>('POST', '/api/auth/logout');
}

export function changePassword(request: PasswordChangeRequest): Promise<void> {
  return apiRequest<void>('POST', '/api/auth/password', { body: request });
}

export function resetPassword(request: PasswordResetRequest): Promise<void> {
  return apiRequest<void>('POST', '/api/auth/reset', { body: request });
}
