import {
  RIGHT_STATUSES,
  type EmploymentSituation,
  type HousingSituation,
  type RightKind,
  type SituationSnapshotView,
  type SnapshotMoment,
} from '@app/contracts';
import { isCalendarDate, type CalendarDate } from './dates';

/**
 * Rights and situations (psp.md glossary: APS = `residence_permit`, AFIS = `income_support`), and
 * the situation snapshots at PSP entry and exit that indicators P6 and P7 count.
 */
export interface RightFacts {
  kind: RightKind;
  status: string;
  situation: string | null;
  requestedOn: CalendarDate | null;
  startsOn: CalendarDate | null;
  endsOn: CalendarDate | null;
  receiptUntil: CalendarDate | null;
  refusalReason: string | null;
}

export enum RightRuleCode {
  StatusNotAllowed = 'RIGHT_STATUS_NOT_ALLOWED',
  SituationRequired = 'SITUATION_REQUIRED',
  InvalidDate = 'INVALID_DATE',
  EndBeforeStart = 'END_BEFORE_START',
  StartBeforeRequest = 'START_BEFORE_REQUEST',
  DateRequired = 'DATE_REQUIRED',
  RefusalReasonRequired = 'REFUSAL_REASON_REQUIRED',
  FieldNotApplicable = 'FIELD_NOT_APPLICABLE',
}

export interface RightProblem {
  code: RightRuleCode;
  field: string;
}

/** What each kind requires: dates in order, the situation for housing/employment/other income, a refusal reason. */
export function checkRight(r: RightFacts): RightProblem | null {
  if (!RIGHT_STATUSES[r.kind].includes(r.status)) return { code: RightRuleCode.StatusNotAllowed, field: 'status' };
  for (const field of ['requestedOn', 'startsOn', 'endsOn', 'receiptUntil'] as const) {
    const v = r[field];
    if (v !== null && !isCalendarDate(v)) return { code: RightRuleCode.InvalidDate, field };
  }
  const needsSituation = r.kind === 'housing' || r.kind === 'employment' || r.kind === 'other_income';
  if (needsSituation && !r.situation) return { code: RightRuleCode.SituationRequired, field: 'situation' };
  if (!needsSituation && r.situation) return { code: RightRuleCode.FieldNotApplicable, field: 'situation' };
  if (r.startsOn && r.endsOn && r.endsOn < r.startsOn) return { code: RightRuleCode.EndBeforeStart, field: 'endsOn' };
  if (r.requestedOn && r.startsOn && r.startsOn < r.requestedOn)
    return { code: RightRuleCode.StartBeforeRequest, field: 'startsOn' };
  if (r.receiptUntil && r.kind !== 'residence_permit')
    return { code: RightRuleCode.FieldNotApplicable, field: 'receiptUntil' };
  if (r.refusalReason && r.status !== 'refused')
    return { code: RightRuleCode.FieldNotApplicable, field: 'refusalReason' };
  if (r.kind === 'income_support' && r.status === 'refused' && !r.refusalReason)
    return { code: RightRuleCode.RefusalReasonRequired, field: 'refusalReason' };
  if (r.status === 'requested' && !r.requestedOn) return { code: RightRuleCode.DateRequired, field: 'requestedOn' };
  if ((r.status === 'issued' || r.status === 'granted' || r.status === 'current') && !r.startsOn)
    return { code: RightRuleCode.DateRequired, field: 'startsOn' };
  if (r.kind === 'residence_permit' && (r.status === 'issued' || r.status === 'renewing') && !r.endsOn)
    return { code: RightRuleCode.DateRequired, field: 'endsOn' };
  if (r.status === 'renewing' && !r.receiptUntil) return { code: RightRuleCode.DateRequired, field: 'receiptUntil' };
  return null;
}

/** In force on that day: started, not ended, and not closed by its status. */
function inForce(r: RightFacts, on: CalendarDate): boolean {
  if (!r.startsOn || r.startsOn > on) return false;
  if (r.endsOn && r.endsOn < on && !(r.status === 'renewing' && (r.receiptUntil ?? '') >= on)) return false;
  return ['issued', 'renewing', 'granted', 'current'].includes(r.status);
}

const latest = (rights: RightFacts[]) =>
  [...rights].sort((a, b) => ((a.startsOn ?? '') < (b.startsOn ?? '') ? 1 : -1))[0] ?? null;

/** The person's situation on a day, from their rights (housing, incomes, employment, permit). */
export function situationOn(rights: RightFacts[], on: CalendarDate, moment: SnapshotMoment): SituationSnapshotView {
  const current = rights.filter((r) => inForce(r, on));
  const housing = latest(current.filter((r) => r.kind === 'housing'));
  const employment = latest(current.filter((r) => r.kind === 'employment'));
  const permit = latest(current.filter((r) => r.kind === 'residence_permit'));
  const income = [
    ...(current.some((r) => r.kind === 'income_support') ? ['afis'] : []),
    ...current.filter((r) => r.kind === 'other_income').map((r) => r.situation ?? 'other'),
  ];
  return {
    moment,
    takenOn: on,
    housing: (housing?.situation as HousingSituation | undefined) ?? null,
    income: [...new Set(income)].sort(),
    employment: (employment?.situation as EmploymentSituation | undefined) ?? null,
    permit: permit ? 'aps' : null,
  };
}
