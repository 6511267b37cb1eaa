import { AppError } from '@app/platform';

export enum PartnersErrorCode {
  PartnerNotFound = 'PARTNER_NOT_FOUND',
  ReferralNotFound = 'REFERRAL_NOT_FOUND',
  PartnerInactive = 'PARTNER_INACTIVE',
  ConsentRequired = 'CONSENT_REQUIRED',
  PseudonymousIdentifying = 'REFERRAL_PSEUDONYMOUS_IDENTIFYING',
  FollowUpBeforeReferral = 'REFERRAL_FOLLOW_UP_BEFORE',
}

const TABLE: Record<PartnersErrorCode, [number, string]> = {
  [PartnersErrorCode.PartnerNotFound]: [404, 'Not found'],
  [PartnersErrorCode.ReferralNotFound]: [404, 'Not found'],
  [PartnersErrorCode.PartnerInactive]: [400, 'This partner is archived'],
  [PartnersErrorCode.ConsentRequired]: [
    409,
    "The person's consent in force does not cover this sharing: record it in the Consents tab first",
  ],
  [PartnersErrorCode.PseudonymousIdentifying]: [
    400,
    'A pseudonymous referral shares neither identity nor contact details',
  ],
  [PartnersErrorCode.FollowUpBeforeReferral]: [400, 'The follow-up date is before the referral date'],
};

export function partnersError(
  code: PartnersErrorCode,
  details: { field?: string; code: string; message?: string }[] = [],
): AppError {
  const [status, message] = TABLE[code];
  return new AppError(code, status, message, details);
}
