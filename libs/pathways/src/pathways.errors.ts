import { AppError } from '@app/platform';
import { PathwayRuleCode } from './pathway.rules';
import { RightRuleCode } from './rights.rules';

export enum PathwaysErrorCode {
  PathwayNotFound = 'PATHWAY_NOT_FOUND',
  GoalNotFound = 'GOAL_NOT_FOUND',
  RightNotFound = 'RIGHT_NOT_FOUND',
  SessionNotFound = 'COMMISSION_SESSION_NOT_FOUND',
  SessionExists = 'COMMISSION_SESSION_EXISTS',
  SessionMismatch = 'COMMISSION_SESSION_MISMATCH',
  AlreadyOpen = 'PATHWAY_ALREADY_OPEN',
  DecisionNotFound = 'DECISION_NOT_FOUND',
  NoCaseContent = 'NO_CASE_CONTENT',
}

type Code = PathwaysErrorCode | PathwayRuleCode | RightRuleCode;

const TABLE: Record<Code, [number, string]> = {
  [PathwaysErrorCode.PathwayNotFound]: [404, 'Not found'],
  [PathwaysErrorCode.GoalNotFound]: [404, 'Not found'],
  [PathwaysErrorCode.RightNotFound]: [404, 'Not found'],
  [PathwaysErrorCode.SessionNotFound]: [404, 'Not found'],
  [PathwaysErrorCode.SessionExists]: [409, 'A session of this commission is already recorded on that day'],
  [PathwaysErrorCode.SessionMismatch]: [400, 'This session is not of the pathway’s département or date'],
  [PathwaysErrorCode.AlreadyOpen]: [409, 'This person already has an open pathway of this kind'],
  [PathwaysErrorCode.DecisionNotFound]: [400, 'No such decision in this person’s pathways'],
  [PathwaysErrorCode.NoCaseContent]: [403, 'Not allowed'],
  [PathwayRuleCode.TransitionNotAllowed]: [409, 'This step is not possible in the pathway’s current state'],
  [PathwayRuleCode.PeriodCeiling]: [409, 'A PSP has at most 4 periods (24 months): no further renewal'],
  [PathwayRuleCode.InvalidDate]: [400, 'Not a calendar date (YYYY-MM-DD)'],
  [PathwayRuleCode.DateInFuture]: [400, 'This date is after today'],
  [PathwayRuleCode.DateBeforePrevious]: [400, 'This date is before the previous step of the pathway'],
  [PathwayRuleCode.DecisionBeforeSubmission]: [400, 'A decision cannot be dated before the request it answers'],
  [PathwayRuleCode.StartBeforeDecision]: [400, 'The period cannot start before the decision'],
  [PathwayRuleCode.StartNotApplicable]: [400, 'This date does not apply to this step'],
  [PathwayRuleCode.NotifiedBeforeDecision]: [400, 'A refusal cannot be notified before its decision'],
  [PathwayRuleCode.AppealOutOfTime]: [409, 'The appeal window (2 months from notification) has closed'],
  [PathwayRuleCode.OpinionRequired]: [400, 'The commission’s opinion is required'],
  [PathwayRuleCode.EndReasonRequired]: [400, 'The end reason is required'],
  [PathwayRuleCode.EndReasonNotAllowed]: [400, 'This end reason comes from a decision, not from ending'],
  [PathwayRuleCode.NotYetCompleted]: [409, 'The 24 months are not completed yet'],
  [RightRuleCode.StatusNotAllowed]: [400, 'This status does not apply to this kind of right'],
  [RightRuleCode.SituationRequired]: [400, 'The situation is required'],
  [RightRuleCode.EndBeforeStart]: [400, 'The end is before the start'],
  [RightRuleCode.StartBeforeRequest]: [400, 'The start is before the request'],
  [RightRuleCode.DateRequired]: [400, 'A date is missing for this status'],
  [RightRuleCode.RefusalReasonRequired]: [400, 'The refusal reason is required'],
  [RightRuleCode.FieldNotApplicable]: [400, 'This field does not apply to this right'],
};

export function pathwaysError(code: Code, field?: string): AppError {
  const [status, message] = TABLE[code];
  return new AppError(code, status, message, field ? [{ field, code }] : []);
}
