import { PATHWAY_EVENT_KINDS, type PathwayEventKind, type PathwayState } from '@app/contracts';
import {
  allowedEvents,
  applyEvent,
  afterEvent,
  newFacts,
  nextPeriod,
  periodEnd,
  PathwayRuleCode,
  type PathwayEvent,
  type PathwayFacts,
  type Period,
} from './pathway.rules';
import { DEFAULT_PATHWAY_SETTINGS, pathwaySettings } from './pathway.settings';

const S = DEFAULT_PATHWAY_SETTINGS;
const TODAY = '2030-01-01';

const period = (number: number, startsOn: string): Period => ({
  number,
  startsOn,
  endsOn: periodEnd(startsOn, 6),
  decisionOn: startsOn,
  gapDays: 0,
});

/** A PSP in `state`, first request stage or renewal stage (with `periods` granted). */
function psp(state: PathwayState, periods = 0): PathwayFacts {
  const ps = [period(1, '2026-01-01'), period(2, '2026-07-01'), period(3, '2027-01-01'), period(4, '2027-07-01')];
  return {
    kind: 'psp',
    state,
    openedOn: '2025-10-01',
    lastOn: '2025-12-01',
    submittedOn: '2025-11-01',
    refusedOn: state === 'refused' ? '2025-12-01' : null,
    refusalNotifiedOn: state === 'refused' ? '2025-12-01' : null,
    periods: ps.slice(0, periods),
  };
}

const body = (kind: PathwayEventKind): PathwayEvent => ({
  kind,
  on: kind === 'end' ? '2028-01-01' : kind === 'appeal' ? '2026-01-15' : '2025-12-15',
  opinion: kind === 'opinion' ? 'favourable' : null,
  endReason: kind === 'end' ? 'lost_contact' : null,
});

// The expected target of every event from every state (psp.md's diagram), written out by hand;
// missing = refused. `complaint` never changes the state.
const PSP_EXPECTED: Record<string, Partial<Record<PathwayEventKind, PathwayState | PathwayRuleCode>>> = {
  preparation: { submit: 'submitted', abandon: 'abandoned' },
  submitted: { opinion: 'commission_opinion', withdraw: 'withdrawn' },
  commission_opinion: { authorise: 'authorised', refuse: 'refused', withdraw: 'withdrawn' },
  'commission_opinion/renewal': { authorise: 'authorised', refuse: 'ended', end: 'ended' },
  authorised: { submit_renewal: 'renewal_submitted', end: 'ended' },
  'authorised/4': { submit_renewal: PathwayRuleCode.PeriodCeiling, end: 'ended' },
  renewal_submitted: { opinion: 'commission_opinion', end: 'ended' },
  refused: { appeal: 'appeal' },
  appeal: { appeal_granted: 'authorised', appeal_rejected: 'refused_final' },
  abandoned: {},
  withdrawn: {},
  refused_final: {},
  ended: {},
};

const FACTS: Record<string, PathwayFacts> = {
  preparation: psp('preparation'),
  submitted: psp('submitted'),
  commission_opinion: psp('commission_opinion'),
  'commission_opinion/renewal': psp('commission_opinion', 2),
  authorised: psp('authorised', 1),
  'authorised/4': psp('authorised', 4),
  renewal_submitted: psp('renewal_submitted', 1),
  refused: psp('refused'),
  appeal: psp('appeal'),
  abandoned: psp('abandoned'),
  withdrawn: psp('withdrawn'),
  refused_final: psp('refused_final'),
  ended: psp('ended', 4),
};

describe('PSP transitions: every state × every event', () => {
  const cases = Object.keys(PSP_EXPECTED).flatMap((state) =>
    PATHWAY_EVENT_KINDS.map((event) => [state, event] as const),
  );
  it.each(cases)('%s + %s', (state, event) => {
    const facts = FACTS[state];
    const outcome = applyEvent(facts, body(event), TODAY, S);
    const expected =
      event === 'complaint' ? facts.state : (PSP_EXPECTED[state][event] ?? PathwayRuleCode.TransitionNotAllowed);
    if (outcome.ok) expect(outcome.to).toBe(expected);
    else expect(outcome.code).toBe(expected);
  });

  it('offers exactly the allowed events, complaint always among them', () => {
    for (const [state, expected] of Object.entries(PSP_EXPECTED)) {
      const offered = allowedEvents(FACTS[state], S).sort();
      const allowed = Object.entries(expected)
        .filter(([, to]) => !Object.values(PathwayRuleCode).includes(to as PathwayRuleCode))
        .map(([e]) => e);
      expect(offered).toEqual([...allowed, 'complaint'].sort());
    }
  });

  it.each([
    ['open', 'close', 'closed'],
    ['open', 'complaint', 'open'],
    ['open', 'submit', PathwayRuleCode.TransitionNotAllowed],
    ['closed', 'close', PathwayRuleCode.TransitionNotAllowed],
    ['closed', 'complaint', 'closed'],
  ] as const)('support %s + %s → %s', (state, event, expected) => {
    const facts = { ...newFacts('support', '2025-10-01'), state };
    const outcome = applyEvent(facts, { kind: event, on: '2025-11-01' }, TODAY, S);
    expect(outcome.ok ? outcome.to : outcome.code).toBe(expected);
  });
});

describe('dates of events', () => {
  it.each([
    ['not a date', 'yesterday', PathwayRuleCode.InvalidDate],
    ['impossible day', '2026-02-30', PathwayRuleCode.InvalidDate],
    ['not a leap year', '2027-02-29', PathwayRuleCode.InvalidDate],
    ['after today', '2030-01-02', PathwayRuleCode.DateInFuture],
    ['before the previous event', '2025-11-30', PathwayRuleCode.DecisionBeforeSubmission],
  ])('a decision with %s is refused', (_label, on, code) => {
    const facts = { ...psp('commission_opinion'), submittedOn: '2025-12-01', lastOn: '2025-12-05' };
    const outcome = applyEvent(facts, { kind: 'authorise', on }, TODAY, S);
    expect(outcome).toMatchObject({ ok: false, code });
  });

  it('a leap day is a date', () => {
    const facts = { ...psp('commission_opinion'), lastOn: '2028-02-01' };
    expect(applyEvent(facts, { kind: 'authorise', on: '2028-02-29' }, TODAY, S)).toMatchObject({
      ok: true,
      period: { startsOn: '2028-02-29', endsOn: '2028-08-28' },
    });
  });

  it('refuses an opinion dated before the previous event (out of order)', () => {
    const outcome = applyEvent(
      psp('submitted'),
      { kind: 'opinion', on: '2025-11-30', opinion: 'favourable' },
      TODAY,
      S,
    );
    expect(outcome).toMatchObject({ ok: false, code: PathwayRuleCode.DateBeforePrevious, field: 'on' });
  });

  it('refuses an opinion without its content', () => {
    expect(applyEvent(psp('submitted'), { kind: 'opinion', on: '2025-12-10' }, TODAY, S)).toMatchObject({
      ok: false,
      code: PathwayRuleCode.OpinionRequired,
    });
  });

  it('keeps a deferred file waiting in its state', () => {
    expect(
      applyEvent(psp('renewal_submitted', 1), { kind: 'opinion', on: '2025-12-10', opinion: 'deferred' }, TODAY, S),
    ).toMatchObject({ ok: true, to: 'renewal_submitted' });
  });

  it('accepts a late complaint in any order, never before the pathway opened', () => {
    expect(applyEvent(psp('authorised', 1), { kind: 'complaint', on: '2025-10-01' }, TODAY, S).ok).toBe(true);
    expect(applyEvent(psp('authorised', 1), { kind: 'complaint', on: '2025-09-30' }, TODAY, S)).toMatchObject({
      ok: false,
      code: PathwayRuleCode.DateBeforePrevious,
    });
  });

  it('period 1 starts on the stated date, never before the decision; renewals take no stated start', () => {
    const facts = psp('commission_opinion');
    expect(applyEvent(facts, { kind: 'authorise', on: '2025-12-10', startsOn: '2026-01-01' }, TODAY, S)).toMatchObject({
      ok: true,
      period: { number: 1, startsOn: '2026-01-01', endsOn: '2026-06-30', decisionOn: '2025-12-10' },
    });
    expect(applyEvent(facts, { kind: 'authorise', on: '2025-12-10', startsOn: '2025-12-09' }, TODAY, S)).toMatchObject({
      ok: false,
      code: PathwayRuleCode.StartBeforeDecision,
    });
    expect(
      applyEvent(
        psp('commission_opinion', 1),
        { kind: 'authorise', on: '2026-05-10', startsOn: '2026-07-01' },
        TODAY,
        S,
      ),
    ).toMatchObject({ ok: false, code: PathwayRuleCode.StartNotApplicable });
  });

  it('a refusal is notified on or after its date; the appeal window is 2 months from notification', () => {
    expect(
      applyEvent(psp('commission_opinion'), { kind: 'refuse', on: '2025-12-10', notifiedOn: '2025-12-09' }, TODAY, S),
    ).toMatchObject({ ok: false, code: PathwayRuleCode.NotifiedBeforeDecision });
    const refused = {
      ...psp('refused'),
      refusedOn: '2025-12-10',
      refusalNotifiedOn: '2025-12-31',
      lastOn: '2025-12-10',
    };
    expect(applyEvent(refused, { kind: 'appeal', on: '2026-02-28' }, TODAY, S).ok).toBe(true);
    expect(applyEvent(refused, { kind: 'appeal', on: '2026-03-01' }, TODAY, S)).toMatchObject({
      ok: false,
      code: PathwayRuleCode.AppealOutOfTime,
    });
  });

  it('an appeal granted opens period 1 at its decision', () => {
    expect(applyEvent(psp('appeal'), { kind: 'appeal_granted', on: '2026-03-15' }, TODAY, S)).toMatchObject({
      ok: true,
      to: 'authorised',
      period: { number: 1, startsOn: '2026-03-15', endsOn: '2026-09-14' },
    });
  });

  it.each([
    [null, 4, '2028-01-01', PathwayRuleCode.EndReasonRequired],
    ['renewal_refused', 4, '2028-01-01', PathwayRuleCode.EndReasonNotAllowed],
    ['completed_24_months', 3, '2028-01-01', PathwayRuleCode.NotYetCompleted],
    ['completed_24_months', 4, '2027-12-30', PathwayRuleCode.NotYetCompleted],
    ['completed_24_months', 4, '2027-12-31', 'ended'],
    ['moved_departement', 1, '2026-03-01', 'ended'],
  ] as const)('ending with %s after %i periods on %s → %s', (reason, periods, on, expected) => {
    const outcome = applyEvent(psp('authorised', periods), { kind: 'end', on, endReason: reason }, TODAY, S);
    expect(outcome.ok ? outcome.to : outcome.code).toBe(expected);
  });

  it('a refused renewal ends the pathway with reason renewal_refused', () => {
    expect(applyEvent(psp('commission_opinion', 2), { kind: 'refuse', on: '2026-12-01' }, TODAY, S)).toMatchObject({
      ok: true,
      to: 'ended',
      endReason: 'renewal_refused',
      closes: true,
    });
  });
});

describe('periods (psp.md "Date conventions")', () => {
  it.each([
    ['2026-03-01', '2026-08-31'],
    ['2026-01-15', '2026-07-14'],
    ['2026-08-31', '2027-02-27'],
    ['2027-08-31', '2028-02-28'],
    ['2027-08-29', '2028-02-28'],
    ['2027-08-30', '2028-02-28'],
    ['2026-09-01', '2027-02-28'],
    ['2027-09-01', '2028-02-29'],
    ['2028-02-29', '2028-08-28'],
    ['2026-12-31', '2027-06-29'],
  ])('a period starting %s ends %s', (start, end) => {
    expect(periodEnd(start, 6)).toBe(end);
  });

  it('renewals granted in time are contiguous; a late one starts at its decision and records the gap', () => {
    const p1 = nextPeriod([], '2026-03-01', null, S) as Period;
    expect(p1).toEqual({
      number: 1,
      startsOn: '2026-03-01',
      endsOn: '2026-08-31',
      decisionOn: '2026-03-01',
      gapDays: 0,
    });
    const p2 = nextPeriod([p1], '2026-08-31', null, S) as Period;
    expect(p2).toMatchObject({ number: 2, startsOn: '2026-09-01', endsOn: '2027-02-28', gapDays: 0 });
    const p3 = nextPeriod([p1, p2], '2027-03-11', null, S) as Period;
    expect(p3).toMatchObject({ number: 3, startsOn: '2027-03-11', endsOn: '2027-09-10', gapDays: 10 });
    const p4 = nextPeriod([p1, p2, p3], '2027-09-01', null, S) as Period;
    expect(p4).toMatchObject({ number: 4, startsOn: '2027-09-11', endsOn: '2028-03-10', gapDays: 0 });
    expect(nextPeriod([p1, p2, p3, p4], '2028-01-01', null, S)).toMatchObject({
      ok: false,
      code: PathwayRuleCode.PeriodCeiling,
    });
  });

  it('a fifth period is refused whatever the dates, at renewal and at decision', () => {
    const four = psp('authorised', 4);
    expect(applyEvent(four, { kind: 'submit_renewal', on: '2027-12-01' }, TODAY, S)).toMatchObject({
      ok: false,
      code: PathwayRuleCode.PeriodCeiling,
    });
    expect(
      applyEvent({ ...four, state: 'commission_opinion' }, { kind: 'authorise', on: '2027-12-01' }, TODAY, S),
    ).toMatchObject({
      ok: false,
      code: PathwayRuleCode.PeriodCeiling,
    });
  });

  it('the ceiling and durations come from the settings', () => {
    const s = pathwaySettings({ maxPeriods: 2, periodMonths: 3, renewalLeadDays: 'x' });
    expect(s.renewalLeadDays).toEqual([90, 60]);
    expect(nextPeriod([period(1, '2026-01-01')], '2026-03-01', null, s)).toMatchObject({ endsOn: '2026-09-30' });
    expect(nextPeriod([period(1, '2026-01-01'), period(2, '2026-07-01')], '2026-12-01', null, s)).toMatchObject({
      ok: false,
    });
  });

  it('replays a whole PSP over 24 months: four contiguous periods, then completed', () => {
    const steps: PathwayEvent[] = [
      { kind: 'submit', on: '2026-01-10' },
      { kind: 'opinion', on: '2026-02-05', opinion: 'favourable' },
      { kind: 'complaint', on: '2026-02-06' },
      { kind: 'authorise', on: '2026-02-20', startsOn: '2026-03-01' },
      { kind: 'submit_renewal', on: '2026-07-01' },
      { kind: 'opinion', on: '2026-08-01', opinion: 'favourable' },
      { kind: 'authorise', on: '2026-08-20' },
      { kind: 'submit_renewal', on: '2027-01-05' },
      { kind: 'opinion', on: '2027-02-01', opinion: 'favourable' },
      { kind: 'authorise', on: '2027-02-15' },
      { kind: 'submit_renewal', on: '2027-07-01' },
      { kind: 'opinion', on: '2027-08-01', opinion: 'favourable' },
      { kind: 'authorise', on: '2027-08-10' },
      { kind: 'end', on: '2028-02-29', endReason: 'completed_24_months' },
    ];
    let facts = newFacts('psp', '2026-01-02');
    for (const step of steps) {
      const outcome = applyEvent(facts, step, TODAY, S);
      if (!outcome.ok) throw new Error(`${step.kind}: ${outcome.code}`);
      facts = afterEvent(facts, step, outcome);
    }
    expect(facts.state).toBe('ended');
    expect(facts.periods.map((p) => [p.startsOn, p.endsOn])).toEqual([
      ['2026-03-01', '2026-08-31'],
      ['2026-09-01', '2027-02-28'],
      ['2027-03-01', '2027-08-31'],
      ['2027-09-01', '2028-02-29'],
    ]);
  });
});
