import { AppError } from '@app/platform';

export enum OutreachErrorCode {
  Inconsistent = 'OUTREACH_INCONSISTENT',
  SiteNotAllowed = 'OUTREACH_SITE_NOT_ALLOWED',
  MemberNotFound = 'OUTREACH_MEMBER_NOT_FOUND',
  NoAssociation = 'OUTREACH_NO_ASSOCIATION',
}

const TABLE: Record<OutreachErrorCode, [number, string]> = {
  [OutreachErrorCode.Inconsistent]: [400, 'The counts of this session do not add up'],
  [OutreachErrorCode.SiteNotAllowed]: [400, 'This site is not one of yours'],
  [OutreachErrorCode.MemberNotFound]: [400, 'A team member is not a member of the association'],
  [OutreachErrorCode.NoAssociation]: [403, 'Not allowed'],
};

export function outreachError(
  code: OutreachErrorCode,
  details: { field?: string; code: string; message?: string }[] = [],
): AppError {
  const [status, message] = TABLE[code];
  return new AppError(code, status, message, details);
}
