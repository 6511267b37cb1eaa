// Where each sign-in stage lives, and where to go once signed in. Pure, so unit-tested.
import type { LoginNext } from '@app/contracts';
import { navigationFor } from '../navigation';

export const LOGIN_PATH = '/login';
export const MFA_PATH = '/login/mfa';
export const ENROL_PATH = '/login/enrol';
export const RESET_PATH = '/reset-password';
export const STATUS_PATH = '/status';

export function pathForStage(stage: LoginNext): string {
  switch (stage) {
    case 'mfa':
      return MFA_PATH;
    case 'enrol':
      return ENROL_PATH;
    case 'done':
      return '/';
  }
}

/** A signed-in user's first screen: their first navigation entry (the service status for now). */
export function homePath(roles: readonly string[]): string {
  return navigationFor(roles)[0]?.path ?? STATUS_PATH;
}

/**
 * The in-app path to return to after signing in, from router state. Only a same-origin path is
 * accepted (not "//host", not "/\\host" which browsers read as a host too), and never a sign-in
 * page, which would loop.
 */
export function safeReturnPath(from: unknown): string | null {
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) {
    return null;
  }
  const path = from.split(/[?#]/)[0] ?? '';
  if (path === LOGIN_PATH || path.startsWith(`${LOGIN_PATH}/`) || path === RESET_PATH) return null;
  return from;
}

/** Router state carried through the sign-in pages. */
export interface SignInState {
  readonly from?: string;
}

export function returnPathOf(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  return safeReturnPath((state as SignInState).from);
}

/** The token of a reset link `/reset-password#token=…` (in the fragment, so no server log holds it). */
export function resetTokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return token ? token : null;
}
