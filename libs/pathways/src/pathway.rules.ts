import type {
  CommissionOpinion,
  PathwayEndReason,
  PathwayEventKind,
  PathwayKind,
  PathwaySettings,
  PathwayState,
} from '@app/contracts';
import { daysBetween, isCalendarDate, plusDays, plusMonths, type CalendarDate } from './dates';

/**
 * The PSP lifecycle of shared domain/psp.md ("The pathway lifecycle", "Date conventions"), as pure
 * functions: which event may follow which state, with which dates, and the periods it opens.
 *
 * Sources quoted there: circulaire of 31 Jan 2017 (annex 6 request, annex 7 renewal); CASF L121-9
 * and solidarites.gouv.fr (6-month authorisations renewable 3 times, 24 months at most); CESEDA
 * L425-4 (APS); Conseil d'État 19 Nov 2021 n° 440802 (appeal; a complaint is never a precondition).
 */

export enum PathwayRuleCode {
  TransitionNotAllowed = 'TRANSITION_NOT_ALLOWED',
  PeriodCeiling = 'PERIOD_CEILING',
  InvalidDate = 'INVALID_DATE',
  DateInFuture = 'DATE_IN_FUTURE',
  DateBeforePrevious = 'DATE_BEFORE_PREVIOUS_EVENT',
  DecisionBeforeSubmission = 'DECISION_BEFORE_SUBMISSION',
  StartBeforeDecision = 'START_BEFORE_DECISION',
  StartNotApplicable = 'START_NOT_APPLICABLE',
  NotifiedBeforeDecision = 'NOTIFIED_BEFORE_DECISION',
  AppealOutOfTime = 'APPEAL_OUT_OF_TIME',
  OpinionRequired = 'OPINION_REQUIRED',
  EndReasonRequired = 'END_REASON_REQUIRED',
  EndReasonNotAllowed = 'END_REASON_NOT_ALLOWED',
  NotYetCompleted = 'NOT_YET_COMPLETED',
}

export interface Period {
  number: number;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  decisionOn: CalendarDate;
  gapDays: number;
}

/** What the rules need to know of a pathway's past. */
export interface PathwayFacts {
  kind: PathwayKind;
  state: PathwayState;
  openedOn: CalendarDate;
  /** The date of the latest state-changing event (openedOn when none). */
  lastOn: CalendarDate;
  /** The latest request or renewal filed (submit, submit_renewal). */
  submittedOn: CalendarDate | null;
  /** The latest refusal: its decision date and notification date. */
  refusedOn: CalendarDate | null;
  refusalNotifiedOn: CalendarDate | null;
  periods: Period[];
}

export interface PathwayEvent {
  kind: PathwayEventKind;
  on: CalendarDate;
  opinion?: CommissionOpinion | null;
  startsOn?: CalendarDate | null;
  notifiedOn?: CalendarDate | null;
  endReason?: PathwayEndReason | null;
}

export interface Accepted {
  ok: true;
  to: PathwayState;
  /** The period a decision opens. */
  period: Period | null;
  endReason: PathwayEndReason | null;
  /** The pathway is closed by this event (terminal state). */
  closes: boolean;
}

export interface Refused {
  ok: false;
  code: PathwayRuleCode;
  field: string;
}

export type Outcome = Accepted | Refused;

export const TERMINAL_STATES: readonly PathwayState[] = ['closed', 'abandoned', 'withdrawn', 'refused_final', 'ended'];

export const INITIAL_STATE: Readonly<Record<PathwayKind, PathwayState>> = { support: 'open', psp: 'preparation' };

/** Decisions of the préfet (or the judge), which open or extend the AFIS and the APS. */
export const DECISION_EVENTS: readonly PathwayEventKind[] = [
  'authorise',
  'refuse',
  'appeal_granted',
  'appeal_rejected',
];

type Table = Partial<Record<PathwayState, Partial<Record<PathwayEventKind, PathwayState>>>>;

/**
 * psp.md's diagram. `commission_opinion` after `renewal_submitted` is the renewal commission: a
 * refusal there ends the pathway (`renewal_refused`) instead of opening the appeal branch, which
 * the rules resolve from the periods already granted. A complaint is accepted in every state and
 * changes none: it is never a precondition (CE 19 Nov 2021).
 */
const TRANSITIONS: Readonly<Record<PathwayKind, Table>> = {
  support: {
    open: { close: 'closed' },
  },
  psp: {
    preparation: { submit: 'submitted', abandon: 'abandoned' },
    submitted: { opinion: 'commission_opinion', withdraw: 'withdrawn' },
    commission_opinion: { authorise: 'authorised', refuse: 'refused', withdraw: 'withdrawn', end: 'ended' },
    authorised: { submit_renewal: 'renewal_submitted', end: 'ended' },
    renewal_submitted: { opinion: 'commission_opinion', end: 'ended' },
    refused: { appeal: 'appeal' },
    appeal: { appeal_granted: 'authorised', appeal_rejected: 'refused_final' },
  },
};

const refused = (code: PathwayRuleCode, field = 'kind'): Refused => ({ ok: false, code, field });

/** psp.md: "A period's last day is the day before the same day number six months later", clamped first. */
export function periodEnd(startsOn: CalendarDate, months: number): CalendarDate {
  return plusDays(plusMonths(startsOn, months), -1);
}

/**
 * The period a decision opens. Period 1 starts on the date the decision states (default: its date).
 * A renewal granted before the period ends starts the day after it ends (contiguous); one granted
 * after starts at its decision date and the gap is recorded. A fifth period is refused whatever the dates.
 */
export function nextPeriod(
  periods: readonly Period[],
  decisionOn: CalendarDate,
  statedStart: CalendarDate | null,
  settings: Pick<PathwaySettings, 'periodMonths' | 'maxPeriods'>,
): Period | Refused {
  const number = periods.length + 1;
  if (number > settings.maxPeriods) return refused(PathwayRuleCode.PeriodCeiling);
  const previous = periods[periods.length - 1];
  let startsOn: CalendarDate;
  let gapDays = 0;
  if (!previous) startsOn = statedStart ?? decisionOn;
  else {
    const dayAfter = plusDays(previous.endsOn, 1);
    if (decisionOn <= previous.endsOn) startsOn = dayAfter;
    else {
      startsOn = decisionOn;
      gapDays = daysBetween(dayAfter, decisionOn);
    }
  }
  return { number, startsOn, endsOn: periodEnd(startsOn, settings.periodMonths), decisionOn, gapDays };
}

const isRenewalStage = (facts: PathwayFacts) => facts.periods.length > 0;

/** The events the rules allow now (the UI offers only these). */
export function allowedEvents(facts: PathwayFacts, settings: Pick<PathwaySettings, 'maxPeriods'>): PathwayEventKind[] {
  const table = TRANSITIONS[facts.kind][facts.state] ?? {};
  const events = (Object.keys(table) as PathwayEventKind[]).filter((e) => {
    if (e === 'submit_renewal') return facts.periods.length < settings.maxPeriods;
    if (e === 'withdraw') return !isRenewalStage(facts);
    if (e === 'end' && facts.state === 'commission_opinion') return isRenewalStage(facts);
    return true;
  });
  return [...events, 'complaint'];
}

function checkDate(value: unknown, field: string, today: CalendarDate): Refused | null {
  if (!isCalendarDate(value)) return refused(PathwayRuleCode.InvalidDate, field);
  if (value > today) return refused(PathwayRuleCode.DateInFuture, field);
  return null;
}

/**
 * Applies one event to a pathway: the state it leads to and the period it opens, or why it is
 * refused. Dates: valid calendar dates, never after today, never before the previous event; a
 * decision never before the request it answers.
 */
export function applyEvent(
  facts: PathwayFacts,
  event: PathwayEvent,
  today: CalendarDate,
  settings: PathwaySettings,
): Outcome {
  const badDate = checkDate(event.on, 'on', today);
  if (badDate) return badDate;
  if (event.kind === 'complaint') {
    if (event.on < facts.openedOn) return refused(PathwayRuleCode.DateBeforePrevious, 'on');
    return { ok: true, to: facts.state, period: null, endReason: null, closes: false };
  }
  if (!allowedEvents(facts, settings).includes(event.kind)) {
    if (event.kind === 'submit_renewal' && facts.state === 'authorised') return refused(PathwayRuleCode.PeriodCeiling);
    return refused(PathwayRuleCode.TransitionNotAllowed);
  }
  let to = TRANSITIONS[facts.kind][facts.state]![event.kind]!;
  if (DECISION_EVENTS.includes(event.kind) && facts.submittedOn && event.on < facts.submittedOn)
    return refused(PathwayRuleCode.DecisionBeforeSubmission, 'on');
  if (event.on < facts.lastOn) return refused(PathwayRuleCode.DateBeforePrevious, 'on');
  if (event.startsOn != null && !['authorise', 'appeal_granted'].includes(event.kind))
    return refused(PathwayRuleCode.StartNotApplicable, 'startsOn');
  if (event.notifiedOn != null && event.kind !== 'refuse')
    return refused(PathwayRuleCode.StartNotApplicable, 'notifiedOn');

  let period: Period | null = null;
  let endReason: PathwayEndReason | null = null;
  switch (event.kind) {
    case 'opinion':
      if (!event.opinion) return refused(PathwayRuleCode.OpinionRequired, 'opinion');
      // A deferred file waits for the next session in the state it was in.
      if (event.opinion === 'deferred') to = facts.state;
      break;
    case 'authorise':
    case 'appeal_granted': {
      if (event.startsOn != null) {
        if (!isCalendarDate(event.startsOn)) return refused(PathwayRuleCode.InvalidDate, 'startsOn');
        if (isRenewalStage(facts)) return refused(PathwayRuleCode.StartNotApplicable, 'startsOn');
        if (event.startsOn < event.on) return refused(PathwayRuleCode.StartBeforeDecision, 'startsOn');
      }
      const next = nextPeriod(facts.periods, event.on, event.startsOn ?? null, settings);
      if ('ok' in next) return next;
      period = next;
      break;
    }
    case 'refuse':
      if (event.notifiedOn != null) {
        const bad = checkDate(event.notifiedOn, 'notifiedOn', today);
        if (bad) return bad;
        if (event.notifiedOn < event.on) return refused(PathwayRuleCode.NotifiedBeforeDecision, 'notifiedOn');
      }
      // A refused renewal ends the pathway (psp.md end reason `renewal_refused`).
      if (isRenewalStage(facts)) {
        to = 'ended';
        endReason = 'renewal_refused';
      }
      break;
    case 'appeal': {
      const from = facts.refusalNotifiedOn ?? facts.refusedOn ?? facts.lastOn;
      if (event.on > plusMonths(from, settings.appealWindowMonths))
        return refused(PathwayRuleCode.AppealOutOfTime, 'on');
      break;
    }
    case 'end': {
      if (!event.endReason) return refused(PathwayRuleCode.EndReasonRequired, 'endReason');
      if (event.endReason === 'renewal_refused') return refused(PathwayRuleCode.EndReasonNotAllowed, 'endReason');
      if (event.endReason === 'completed_24_months') {
        const last = facts.periods[facts.periods.length - 1];
        if (facts.periods.length < settings.maxPeriods || !last || event.on < last.endsOn)
          return refused(PathwayRuleCode.NotYetCompleted, 'endReason');
      }
      endReason = event.endReason;
      break;
    }
    default:
      break;
  }
  return { ok: true, to, period, endReason, closes: TERMINAL_STATES.includes(to) };
}

/** The facts after an accepted event, so a history can be replayed (tests, the service). */
export function afterEvent(facts: PathwayFacts, event: PathwayEvent, outcome: Accepted): PathwayFacts {
  if (event.kind === 'complaint') return facts;
  return {
    ...facts,
    state: outcome.to,
    lastOn: event.on,
    submittedOn: event.kind === 'submit' || event.kind === 'submit_renewal' ? event.on : facts.submittedOn,
    refusedOn: event.kind === 'refuse' ? event.on : facts.refusedOn,
    refusalNotifiedOn: event.kind === 'refuse' ? (event.notifiedOn ?? event.on) : facts.refusalNotifiedOn,
    periods: outcome.period ? [...facts.periods, outcome.period] : facts.periods,
  };
}

export function newFacts(kind: PathwayKind, openedOn: CalendarDate): PathwayFacts {
  return {
    kind,
    state: INITIAL_STATE[kind],
    openedOn,
    lastOn: openedOn,
    submittedOn: null,
    refusedOn: null,
    refusalNotifiedOn: null,
    periods: [],
  };
}

/** What comes next, for the UI's "next step" (an i18n key per state). */
export function nextStepKey(facts: PathwayFacts, settings: Pick<PathwaySettings, 'maxPeriods'>): string {
  if (facts.state === 'authorised')
    return facts.periods.length < settings.maxPeriods ? 'authorised_renewable' : 'authorised_last';
  if (facts.state === 'commission_opinion') return isRenewalStage(facts) ? 'renewal_decision' : 'decision';
  return facts.state;
}
