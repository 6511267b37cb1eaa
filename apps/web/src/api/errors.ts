// Which words an API error stands for. Pure: the components translate the key it returns.
import { PASSWORD_MIN_LENGTH } from '../auth/password';
import { isApiError, NETWORK_ERROR } from './client';

export type ErrorMessageKey =
  | 'errors.invalidCredentials'
  | 'errors.tooManyAttempts'
  | 'errors.tooManyAttemptsLater'
  | 'errors.invalidMfaCode'
  | 'errors.mfaNotPending'
  | 'errors.enrolmentNotStarted'
  | 'errors.sessionExpired'
  | 'errors.csrfTokenInvalid'
  | 'errors.passwordTooShort'
  | 'errors.passwordTooLong'
  | 'errors.passwordTooCommon'
  | 'errors.resetLinkInvalid'
  | 'errors.validationFailed'
  | 'errors.forbidden'
  | 'errors.notFound'
  | 'errors.versionConflict'
  | 'errors.emailTaken'
  | 'errors.roleNotAssignable'
  | 'errors.cannotRemoveOwnAdmin'
  | 'errors.cannotDisableSelf'
  | 'errors.siteCodeTaken'
  | 'errors.teamNameTaken'
  | 'errors.duplicateSuspected'
  | 'errors.grantNotNeeded'
  | 'errors.siteNotAllowed'
  | 'errors.referentNotFound'
  | 'errors.noCaseContent'
  | 'errors.notTheAuthor'
  | 'errors.goalNotFound'
  | 'errors.occurredInFuture'
  | 'errors.placeOnlyForAccompaniment'
  | 'errors.accompanyingNotAWorker'
  | 'errors.agendaRangeInvalid'
  | 'errors.documentType'
  | 'errors.documentTooLarge'
  | 'errors.documentFileMissing'
  | 'errors.documentDates'
  | 'errors.consentRequired'
  | 'errors.pseudonymousIdentifying'
  | 'errors.followUpBefore'
  | 'errors.partnerInactive'
  | 'errors.consentPartner'
  | 'errors.outreachInconsistent'
  | 'errors.outreachMember'
  | 'errors.internal'
  | 'errors.network'
  | 'errors.unexpected';

export interface ErrorMessage {
  readonly key: ErrorMessageKey;
  /** What the message interpolates: `count` (minutes to wait, also choosing the plural), `min`. */
  readonly values?: { readonly count?: number; readonly min?: number };
}

const KEY_BY_CODE: Readonly<Record<string, ErrorMessageKey>> = {
  INVALID_CREDENTIALS: 'errors.invalidCredentials',
  INVALID_MFA_CODE: 'errors.invalidMfaCode',
  MFA_NOT_PENDING: 'errors.mfaNotPending',
  MFA_ENROLMENT_NOT_STARTED: 'errors.enrolmentNotStarted',
  UNAUTHENTICATED: 'errors.sessionExpired',
  SESSION_EXPIRED: 'errors.sessionExpired',
  CSRF_TOKEN_INVALID: 'errors.csrfTokenInvalid',
  PASSWORD_TOO_SHORT: 'errors.passwordTooShort',
  PASSWORD_TOO_LONG: 'errors.passwordTooLong',
  PASSWORD_TOO_COMMON: 'errors.passwordTooCommon',
  RESET_LINK_INVALID: 'errors.resetLinkInvalid',
  VALIDATION_FAILED: 'errors.validationFailed',
  FORBIDDEN: 'errors.forbidden',
  NOT_FOUND: 'errors.notFound',
  USER_NOT_FOUND: 'errors.notFound',
  ACCOUNT_NOT_FOUND: 'errors.notFound',
  SITE_NOT_FOUND: 'errors.notFound',
  TEAM_NOT_FOUND: 'errors.notFound',
  GRANT_NOT_FOUND: 'errors.notFound',
  PERSON_NOT_FOUND: 'errors.notFound',
  JOB_NOT_FOUND: 'errors.notFound',
  DUPLICATE_SUSPECTED: 'errors.duplicateSuspected',
  GRANT_NOT_NEEDED: 'errors.grantNotNeeded',
  SITE_NOT_ALLOWED: 'errors.siteNotAllowed',
  REFERENT_NOT_FOUND: 'errors.referentNotFound',
  NO_CASE_CONTENT: 'errors.noCaseContent',
  EVENT_NOT_FOUND: 'errors.notFound',
  APPOINTMENT_NOT_FOUND: 'errors.notFound',
  NOT_THE_AUTHOR: 'errors.notTheAuthor',
  GOAL_NOT_FOUND: 'errors.goalNotFound',
  OCCURRED_IN_FUTURE: 'errors.occurredInFuture',
  PLACE_ONLY_FOR_ACCOMPANIMENT: 'errors.placeOnlyForAccompaniment',
  ACCOMPANYING_NOT_A_WORKER: 'errors.accompanyingNotAWorker',
  AGENDA_RANGE_INVALID: 'errors.agendaRangeInvalid',
  DOCUMENT_NOT_FOUND: 'errors.notFound',
  DOCUMENT_TYPE_NOT_ALLOWED: 'errors.documentType',
  DOCUMENT_NOT_MULTIPART: 'errors.documentType',
  DOCUMENT_TOO_LARGE: 'errors.documentTooLarge',
  PAYLOAD_TOO_LARGE: 'errors.documentTooLarge',
  DOCUMENT_FILE_MISSING: 'errors.documentFileMissing',
  DOCUMENT_DATES_INCONSISTENT: 'errors.documentDates',
  CONSENT_REQUIRED: 'errors.consentRequired',
  REFERRAL_PSEUDONYMOUS_IDENTIFYING: 'errors.pseudonymousIdentifying',
  REFERRAL_FOLLOW_UP_BEFORE: 'errors.followUpBefore',
  PARTNER_NOT_FOUND: 'errors.notFound',
  REFERRAL_NOT_FOUND: 'errors.notFound',
  PARTNER_INACTIVE: 'errors.partnerInactive',
  CONSENT_PARTNER: 'errors.consentPartner',
  OUTREACH_INCONSISTENT: 'errors.outreachInconsistent',
  OUTREACH_SITE_NOT_ALLOWED: 'errors.siteNotAllowed',
  OUTREACH_MEMBER_NOT_FOUND: 'errors.outreachMember',
  OUTREACH_NO_ASSOCIATION: 'errors.forbidden',
  VERSION_CONFLICT: 'errors.versionConflict',
  EMAIL_TAKEN: 'errors.emailTaken',
  ROLE_NOT_ASSIGNABLE: 'errors.roleNotAssignable',
  CANNOT_REMOVE_OWN_ADMIN: 'errors.cannotRemoveOwnAdmin',
  CANNOT_DISABLE_SELF: 'errors.cannotDisableSelf',
  SITE_CODE_TAKEN: 'errors.siteCodeTaken',
  TEAM_NAME_TAKEN: 'errors.teamNameTaken',
  INTERNAL_ERROR: 'errors.internal',
  SERVICE_UNAVAILABLE: 'errors.internal',
  [NETWORK_ERROR]: 'errors.network',
};

const THROTTLE_CODES: ReadonlySet<string> = new Set(['TOO_MANY_ATTEMPTS', 'TOO_MANY_REQUESTS']);

/**
 * Whole minutes to wait for a Retry-After of `seconds`, rounded up so the user never comes back
 * too early; at least 1. Undefined when the server gave no usable delay.
 */
export function retryAfterMinutes(seconds: number | undefined): number | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.max(1, Math.ceil(seconds / 60));
}

export function errorMessage(error: unknown): ErrorMessage {
  if (!isApiError(error)) return { key: 'errors.unexpected' };
  if (THROTTLE_CODES.has(error.code) || error.status === 429) {
    const minutes = retryAfterMinutes(error.retryAfter);
    return minutes === undefined
      ? { key: 'errors.tooManyAttemptsLater' }
      : { key: 'errors.tooManyAttempts', values: { count: minutes } };
  }
  if (error.code === 'PASSWORD_TOO_SHORT') {
    return { key: 'errors.passwordTooShort', values: { min: PASSWORD_MIN_LENGTH } };
  }
  // hasOwn: a code such as "constructor" must not find Object.prototype's members.
  if (Object.hasOwn(KEY_BY_CODE, error.code)) return { key: KEY_BY_CODE[error.code] };
  return { key: error.status >= 500 ? 'errors.internal' : 'errors.unexpected' };
}

/** Whether an error is the 409 an edit gets when someone else saved first. */
export function isVersionConflict(error: unknown): boolean {
  return isApiError(error) && error.code === 'VERSION_CONFLICT';
}

/** The fields the API named in a VALIDATION_FAILED answer, to mark them in the form. */
export function invalidFields(error: unknown): ReadonlySet<string> {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return new Set();
  return new Set(error.details.flatMap((detail) => (detail.field ? [detail.field] : [])));
}
