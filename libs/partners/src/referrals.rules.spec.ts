import { REFERRAL_OUTCOMES, type ReferralOutcome, type SharedCategory } from '@app/contracts';
import { followUpPlan, sharingDecision, type ConsentsInForce } from './referrals.rules';

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

describe('followUpPlan', () => {
  const person = { referentId: 'referent-1', siteId: 'site-1' };
  const plan = (outcome: ReferralOutcome, followUpOn: string | null, referentId: string | null = 'referent-1') =>
    followUpPlan({ personId: 'person-1', outcome, followUpOn }, { ...person, referentId });

  const table: [ReferralOutcome, string][] = [
    ['pending', 'raise 2026-05-11'],
    ['accepted', 'raise 2026-05-11'],
    ['completed', 'done'],
    ['refused', 'done'],
    ['no_show', 'done'],
    ['cancelled', 'raise none'],
  ];

  it.each(table)('%s with a follow-up date: %s', (outcome, expected) => {
    const result = plan(outcome, '2026-05-11');
    const summary =
      result.action === 'done' ? 'done' : `raise ${result.reminders.map((r) => r.dueOn).join(',') || 'none'}`;
    expect(summary).toBe(expected);
  });

  it('has a row for every outcome', () => {
    expect(table.map(([outcome]) => outcome).sort()).toEqual([...REFERRAL_OUTCOMES].sort());
  });

  it('raises nothing without a follow-up date, whatever the open outcome', () => {
    expect(plan('pending', null)).toEqual({ action: 'raise', reminders: [] });
    expect(plan('accepted', null)).toEqual({ action: 'raise', reminders: [] });
  });

  it('is due on the follow-up date itself, for the referent, keyed by the date', () => {
    expect(plan('pending', '2026-05-11')).toEqual({
      action: 'raise',
      reminders: [
        {
          key: 'follow_up:2026-05-11',
          kind: 'referral_follow_up',
          dueOn: '2026-05-11',
          deadlineOn: '2026-05-11',
          personId: 'person-1',
          assignee: { kind: 'referent', userId: 'referent-1', siteId: 'site-1' },
        },
      ],
    });
    // A moved date is another key: the store cancels the old reminder and raises the new one.
    const moved = plan('pending', '2026-05-18');
    expect(moved.action === 'raise' && moved.reminders[0].key).toBe('follow_up:2026-05-18');
  });

  it('goes to the site’s coordinators while the file has no referent', () => {
    const result = plan('pending', '2026-05-11', null);
    expect(result.action === 'raise' && result.reminders[0].assignee).toEqual({
      kind: 'referent',
      userId: null,
      siteId: 'site-1',
    });
  });
});
