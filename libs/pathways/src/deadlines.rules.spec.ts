import { deadlinesFor, type DeadlinePathway, type DeadlineRight } from './deadlines.rules';
import { periodEnd, type Period } from './pathway.rules';
import { DEFAULT_PATHWAY_SETTINGS, pathwaySettings } from './pathway.settings';

const S = DEFAULT_PATHWAY_SETTINGS;
const period = (number: number, startsOn: string): Period => ({
  number,
  startsOn,
  endsOn: periodEnd(startsOn, 6),
  decisionOn: startsOn,
  gapDays: 0,
});
const P1 = period(1, '2026-03-01');
const PERIODS = [P1, period(2, '2026-09-01'), period(3, '2027-03-01'), period(4, '2027-09-01')];

const pathway = (over: Partial<DeadlinePathway> = {}): DeadlinePathway => ({
  id: 'pw',
  personId: 'p',
  kind: 'psp',
  state: 'authorised',
  periods: [P1],
  lastGrantOn: '2026-03-01',
  refusalNotifiedOn: null,
  ...over,
});
const afis: DeadlineRight = {
  id: 'afis',
  personId: 'p',
  kind: 'income_support',
  status: 'requested',
  requestedOn: '2026-03-02',
  startsOn: null,
  endsOn: null,
  receiptUntil: null,
};

const summary = (items: ReturnType<typeof deadlinesFor>) =>
  items.map((i) => `${i.labelKey}${i.leadDays ? `_${i.leadDays}` : ''}@${i.dueOn}${i.overdue ? '!' : ''}`);

describe('deadlines (psp.md "Deadlines Envol raises")', () => {
  it('period 1 from 1 March: AFIS request on the decision, renewal review 90 and 60 days before 31 August', () => {
    // 120 days ahead (the default horizon) reach the 90-day review, not yet the 60-day one.
    expect(summary(deadlinesFor({ pathways: [pathway()], rights: [] }, S, '2026-03-01'))).toEqual([
      'deadline.afis_request@2026-03-01',
      'deadline.renewal_review_90@2026-06-02',
    ]);
    expect(summary(deadlinesFor({ pathways: [pathway()], rights: [] }, S, '2026-03-05'))).toEqual([
      'deadline.afis_request@2026-03-01!',
      'deadline.renewal_review_90@2026-06-02',
      'deadline.renewal_review_60@2026-07-02',
    ]);
  });

  it('the AFIS request disappears once requested; overdue items stay and are flagged', () => {
    expect(summary(deadlinesFor({ pathways: [pathway()], rights: [afis] }, S, '2026-06-10'))).toEqual([
      'deadline.renewal_review_90@2026-06-02!',
      'deadline.renewal_review_60@2026-07-02',
      'deadline.period_end@2026-08-31',
    ]);
  });

  it('a renewal filed clears the renewal reminders', () => {
    expect(
      deadlinesFor({ pathways: [pathway({ state: 'renewal_submitted' })], rights: [afis] }, S, '2026-07-10'),
    ).toEqual([]);
  });

  it('period 4: exit plan at its start (month 18) and 3 months later (month 21), no renewal review', () => {
    const p = pathway({ periods: PERIODS, lastGrantOn: '2027-08-20' });
    const r = { ...afis, requestedOn: '2027-08-21' };
    expect(summary(deadlinesFor({ pathways: [p], rights: [r] }, S, '2027-09-01'))).toEqual([
      'deadline.exit_plan_start@2027-09-01',
      'deadline.exit_plan_follow_up@2027-12-01',
    ]);
    expect(summary(deadlinesFor({ pathways: [p], rights: [r] }, S, '2027-12-02'))).toEqual([
      'deadline.exit_plan_follow_up@2027-12-01!',
      'deadline.pathway_end@2028-02-29',
    ]);
  });

  it('month 18 is announced from period 3 while the last renewal is pending', () => {
    const p = pathway({ state: 'renewal_submitted', periods: PERIODS.slice(0, 3), lastGrantOn: '2027-03-01' });
    const r = { ...afis, requestedOn: '2027-03-01' };
    expect(summary(deadlinesFor({ pathways: [p], rights: [r] }, S, '2027-07-01'))).toEqual([
      'deadline.exit_plan_start@2027-09-01',
    ]);
  });

  it('APS: 60 days before expiry, or before the receipt ends while renewing', () => {
    const aps: DeadlineRight = {
      ...afis,
      id: 'aps',
      kind: 'residence_permit',
      status: 'issued',
      startsOn: '2026-03-10',
      endsOn: '2026-09-09',
    };
    expect(summary(deadlinesFor({ pathways: [], rights: [aps] }, S, '2026-07-01'))).toEqual([
      'deadline.aps_expiry@2026-07-11',
    ]);
    const renewing = { ...aps, status: 'renewing', receiptUntil: '2026-12-09' };
    expect(summary(deadlinesFor({ pathways: [], rights: [renewing] }, S, '2026-09-01'))).toEqual([
      'deadline.aps_receipt_expiry@2026-10-10',
    ]);
    expect(deadlinesFor({ pathways: [], rights: [{ ...aps, status: 'expired' }] }, S, '2026-07-01')).toEqual([]);
  });

  it('refusal: appeal window on notification and 45 days after, gone once the 2 months have passed', () => {
    const p = pathway({ state: 'refused', periods: [], lastGrantOn: null, refusalNotifiedOn: '2026-04-10' });
    expect(summary(deadlinesFor({ pathways: [p], rights: [] }, S, '2026-04-10'))).toEqual([
      'deadline.appeal_window@2026-04-10',
      'deadline.appeal_window_reminder@2026-05-25',
    ]);
    expect(deadlinesFor({ pathways: [p], rights: [] }, S, '2026-06-11')).toEqual([]);
  });

  it('only within the horizon; lead times come from the settings', () => {
    expect(deadlinesFor({ pathways: [pathway()], rights: [afis] }, S, '2026-01-01')).toEqual([]);
    const s = pathwaySettings({ renewalLeadDays: [30], deadlineHorizonDays: 400 });
    expect(summary(deadlinesFor({ pathways: [pathway()], rights: [afis] }, s, '2026-01-01'))).toEqual([
      'deadline.renewal_review_30@2026-08-01',
      'deadline.period_end@2026-08-31',
    ]);
  });

  it('nothing for support pathways or ended PSPs', () => {
    expect(
      deadlinesFor(
        { pathways: [pathway({ kind: 'support', state: 'open' }), pathway({ state: 'ended' })], rights: [] },
        S,
        '2026-06-01',
      ),
    ).toEqual([]);
  });

  it('every item names its person, source and kind', () => {
    const [first] = deadlinesFor({ pathways: [pathway()], rights: [] }, S, '2026-03-01');
    expect(first).toEqual({
      kind: 'afis_request',
      dueOn: '2026-03-01',
      personId: 'p',
      sourceKind: 'pathway',
      sourceId: 'pw',
      labelKey: 'deadline.afis_request',
      overdue: false,
    });
  });
});
