import { AppError } from '@app/platform';

export enum CaseworkErrorCode {
  EventNotFound = 'EVENT_NOT_FOUND',
  AppointmentNotFound = 'APPOINTMENT_NOT_FOUND',
  NotTheAuthor = 'NOT_THE_AUTHOR',
  OccurredInFuture = 'OCCURRED_IN_FUTURE',
  PlaceOnlyForAccompaniment = 'PLACE_ONLY_FOR_ACCOMPANIMENT',
  AccompanyingNotAWorker = 'ACCOMPANYING_NOT_A_WORKER',
  AgendaRangeInvalid = 'AGENDA_RANGE_INVALID',
  NoCaseContent = 'NO_CASE_CONTENT',
  GoalNotFound = 'GOAL_NOT_FOUND',
}

const TABLE: Record<CaseworkErrorCode, [number, string]> = {
  [CaseworkErrorCode.EventNotFound]: [404, 'Not found'],
  [CaseworkErrorCode.GoalNotFound]: [400, 'This goal is not one of the person’s pathway goals'],
  [CaseworkErrorCode.AppointmentNotFound]: [404, 'Not found'],
  [CaseworkErrorCode.NotTheAuthor]: [403, 'Only the author of a note may change or delete it'],
  [CaseworkErrorCode.OccurredInFuture]: [
    400,
    'A journal entry records what happened: its date cannot be in the future',
  ],
  [CaseworkErrorCode.PlaceOnlyForAccompaniment]: [400, 'A place is given for accompaniments only'],
  [CaseworkErrorCode.AccompanyingNotAWorker]: [400, 'The person accompanying must be a worker of the association'],
  [CaseworkErrorCode.AgendaRangeInvalid]: [400, 'The agenda covers from 1 to 62 days, `from` before `to`'],
  [CaseworkErrorCode.NoCaseContent]: [403, 'Not allowed'],
};

export function caseworkError(
  code: CaseworkErrorCode,
  details: { field?: string; code: string; message?: string }[] = [],
): AppError {
  const [status, message] = TABLE[code];
  return new AppError(code, status, message, details);
}
