import { AppError } from '@app/platform';

export enum PeopleErrorCode {
  PersonNotFound = 'PERSON_NOT_FOUND',
  DuplicateSuspected = 'DUPLICATE_SUSPECTED',
  SiteNotAllowed = 'SITE_NOT_ALLOWED',
  ReferentNotFound = 'REFERENT_NOT_FOUND',
  GrantNotNeeded = 'GRANT_NOT_NEEDED',
  NoCaseContent = 'NO_CASE_CONTENT',
  ConsentPartner = 'CONSENT_PARTNER',
}

const TABLE: Record<PeopleErrorCode, [number, string]> = {
  [PeopleErrorCode.PersonNotFound]: [404, 'Not found'],
  [PeopleErrorCode.DuplicateSuspected]: [
    409,
    'A file with the same name and birth year exists; confirm to create another',
  ],
  [PeopleErrorCode.SiteNotAllowed]: [400, 'This site is not one of yours'],
  [PeopleErrorCode.ReferentNotFound]: [400, 'This referent is not a worker of the association'],
  [PeopleErrorCode.GrantNotNeeded]: [409, 'This file is already open to you'],
  [PeopleErrorCode.NoCaseContent]: [403, 'Not allowed'],
  [PeopleErrorCode.ConsentPartner]: [400, 'A consent to share with a named partner names that partner, and only it'],
};

export function peopleError(
  code: PeopleErrorCode,
  details: { field?: string; code: string; message?: string }[] = [],
): AppError {
  const [status, message] = TABLE[code];
  return new AppError(code, status, message, details);
}
