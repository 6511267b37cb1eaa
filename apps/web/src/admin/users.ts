// The users screens' rules: list filters in the address bar and on the API, and the checks of the
// invitation form. Pure, so unit-tested.
import { Role, type AccountStatusValue } from '@app/contracts';
import { queryString, readPage } from '../api/query';

/** The roles an association's admin may hand out (the API's list); funders come from the operator. */
export const ASSIGNABLE_ROLES: readonly Role[] = [
  Role.SocialWorker,
  Role.OutreachVolunteer,
  Role.Coordinator,
  Role.Admin,
  Role.Dpo,
];

const STATUSES: readonly AccountStatusValue[] = ['active', 'disabled'];

export interface UserListFilter {
  readonly status?: AccountStatusValue;
  readonly role?: Role;
  readonly page: number;
}

export function isAssignableRole(value: unknown): value is Role {
  return typeof value === 'string' && (ASSIGNABLE_ROLES as readonly string[]).includes(value);
}

function isStatus(value: unknown): value is AccountStatusValue {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** The filter from the address bar; an unknown status or role is dropped rather than sent. */
export function readUserListSearch(params: URLSearchParams): UserListFilter {
  const status = params.get('status');
  const role = params.get('role');
  return {
    ...(isStatus(status) ? { status } : {}),
    ...(isAssignableRole(role) ? { role } : {}),
    page: readPage(params.get('page')),
  };
}

export function userListSearchParams(filter: UserListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.role) params.set('role', filter.role);
  if (filter.page > 1) params.set('page', String(filter.page));
  return params;
}

export function userListApiQuery(filter: UserListFilter, pageSize: number): string {
  return queryString({ page: filter.page, pageSize, status: filter.status, role: filter.role });
}

export interface InvitationDraft {
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

export type InvitationProblems = {
  email?: 'required' | 'invalid' | 'tooLong';
  displayName?: 'required' | 'tooLong';
  roles?: 'required';
};

// The API's limits (apps/api access.dto.ts): checked here first to explain them next to the field.
export const EMAIL_MAX = 254;
export const DISPLAY_NAME_MAX = 120;
// Deliberately loose: the server decides; this only catches a missing "@" or domain.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkDisplayName(displayName: string): InvitationProblems['displayName'] {
  const name = displayName.trim();
  if (name === '') return 'required';
  if ([...name].length > DISPLAY_NAME_MAX) return 'tooLong';
  return undefined;
}

/**
 * What keeps an invitation from being sent. At least one role: an account without any would open
 * on nothing but the service status, which is never what an admin means to create.
 */
export function checkInvitation(draft: InvitationDraft): InvitationProblems {
  const problems: InvitationProblems = {};
  const email = draft.email.trim();
  if (email === '') problems.email = 'required';
  else if (email.length > EMAIL_MAX) problems.email = 'tooLong';
  else if (!EMAIL_SHAPE.test(email)) problems.email = 'invalid';
  const displayName = checkDisplayName(draft.displayName);
  if (displayName) problems.displayName = displayName;
  if (draft.roles.length === 0) problems.roles = 'required';
  return problems;
}

/** Whether two lists hold the same values, whatever their order (roles, site ids). */
export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}

/** Roles in the canonical order, whatever order the user ticked them in. */
export function sortRoles(roles: readonly Role[]): Role[] {
  return ASSIGNABLE_ROLES.filter((role) => roles.includes(role));
}
