export { Partner, Referral } from './partner.entity';
export { partnersError, PartnersErrorCode } from './partners.errors';
export {
  PartnersService,
  type NewReferral,
  type PartnerChange,
  type PartnerInput,
  type ReferralChange,
} from './partners.service';
export {
  followUpPlan,
  kindPurpose,
  REFERRAL_FOLLOW_UP,
  referralJournalText,
  sharingDecision,
  type ConsentsInForce,
  type FollowUpPlan,
  type SharingDecision,
} from './referrals.rules';

import { Partner, Referral } from './partner.entity';

export const PARTNERS_ENTITIES = [Partner, Referral];

/** The encrypted columns, for data-key rotation. */
export const PARTNERS_ENCRYPTED_COLUMNS = [{ table: 'referral', column: 'reason' }];
