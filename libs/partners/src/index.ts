export { Partner, Referral } from './partner.entity';
export { partnersError, PartnersErrorCode } from './partners.errors';
export {
  PartnersService,
  type NewReferral,
  type PartnerChange,
  type PartnerInput,
  type ReferralChange,
} from './partners.service';
export { kindPurpose, sharingDecision, type ConsentsInForce, type SharingDecision } from './referrals.rules';

import { Partner, Referral } from './partner.entity';

export const PARTNERS_ENTITIES = [Partner, Referral];

/** The encrypted columns, for data-key rotation. */
export const PARTNERS_ENCRYPTED_COLUMNS = [{ table: 'referral', column: 'reason' }];
