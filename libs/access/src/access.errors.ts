import { AppError } from '@app/platform';

export enum AccessErrorCode {
  Forbidden = 'FORBIDDEN',
  UserNotFound = 'USER_NOT_FOUND',
  SiteNotFound = 'SITE_NOT_FOUND',
  TeamNotFound = 'TEAM_NOT_FOUND',
  AssociationNotFound = 'ASSOCIATION_NOT_FOUND',
  FunderNotFound = 'FUNDER_NOT_FOUND',
  RoleNotAssignable = 'ROLE_NOT_ASSIGNABLE',
  CannotRemoveOwnAdmin = 'CANNOT_REMOVE_OWN_ADMIN',
  CannotDisableSelf = 'CANNOT_DISABLE_SELF',
  SiteCodeTaken = 'SITE_CODE_TAKEN',
  TeamNameTaken = 'TEAM_NAME_TAKEN',
  BreakGlassReasonRequired = 'BREAK_GLASS_REASON_REQUIRED',
  GrantNotFound = 'GRANT_NOT_FOUND',
}

const TABLE: Record<AccessErrorCode, [number, string]> = {
  [AccessErrorCode.Forbidden]: [403, 'Not allowed'],
  [AccessErrorCode.UserNotFound]: [404, 'Not found'],
  [AccessErrorCode.SiteNotFound]: [404, 'Not found'],
  [AccessErrorCode.TeamNotFound]: [404, 'Not found'],
  [AccessErrorCode.AssociationNotFound]: [404, 'Association not found'],
  [AccessErrorCode.FunderNotFound]: [404, 'Funder not found'],
  [AccessErrorCode.RoleNotAssignable]: [400, 'This role cannot be assigned here'],
  [AccessErrorCode.CannotRemoveOwnAdmin]: [409, 'You cannot remove your own administrator role'],
  [AccessErrorCode.CannotDisableSelf]: [409, 'You cannot disable your own account'],
  [AccessErrorCode.SiteCodeTaken]: [409, 'Another site already uses this code'],
  [AccessErrorCode.TeamNameTaken]: [409, 'Another team of this site already has this name'],
  [AccessErrorCode.BreakGlassReasonRequired]: [400, 'State why you need to open this file'],
  [AccessErrorCode.GrantNotFound]: [404, 'Not found'],
};

export function accessError(code: AccessErrorCode): AppError {
  const [status, message] = TABLE[code];
  return new AppError(code, status, message);
}
