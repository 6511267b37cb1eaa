import type { SharedCategory } from '@app/contracts';
import { sharingDecision, type ConsentsInForce } from './referrals.rules';

const none: ConsentsInForce = { partnerKind: false, namedPartner: false, pseudonymous: false };

describe('sharingDecision', () => {
  it.each<[string, boolean, SharedCategory[], Partial<ConsentsInForce>, string]>([
    ['no consent, named', false, ['situation'], {}, 'no_consent'],
    ['no consent, pseudonymous', true, ['situation'], {}, 'no_consent'],
    ['kind consent, named', false, ['identity'], { partnerKind: true }, 'allowed'],
    ['named partner consent', false, ['identity', 'contact'], { namedPartner: true }, 'allowed'],
    ['pseudonymous consent, named referral', false, ['situation'], { pseudonymous: true }, 'no_consent'],
    ['pseudonymous consent, pseudonymous referral', true, ['situation', 'health'], { pseudonymous: true }, 'allowed'],
    [
      'pseudonymous with identity',
      true,
      ['identity'],
      { pseudonymous: true, partnerKind: true },
      'identifying_in_pseudonymous',
    ],
    ['pseudonymous with contact', true, ['contact'], { namedPartner: true }, 'identifying_in_pseudonymous'],
  ])('%s', (_label, pseudonymous, categories, consents, expected) => {
    const decision = sharingDecision({ kind: 'housing', pseudonymous, categories, consents: { ...none, ...consents } });
    expect(decision.allowed ? 'allowed' : decision.reason).toBe(expected);
  });

  it('names the consents that would allow the sharing', () => {
    expect(sharingDecision({ kind: 'legal', pseudonymous: true, categories: [], consents: none })).toEqual({
      allowed: false,
      reason: 'no_consent',
      purposes: ['share_partner', 'share_legal', 'share_pseudonymous'],
    });
  });
});
