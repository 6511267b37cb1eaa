// Pure rules of the outbox: what a payload may hold, when a failed job runs again, what is recorded
// of an error. No framework, no database.

export enum OutboxState {
  Pending = 'pending',
  Queued = 'queued',
  Done = 'done',
  Failed = 'failed',
}

export enum OutboxErrorCode {
  InvalidPayload = 'JOB_INVALID_PAYLOAD',
  UnknownJob = 'JOB_UNKNOWN_NAME',
  NoHandler = 'JOB_NO_HANDLER',
  HandlerFailed = 'JOB_HANDLER_FAILED',
}

/** An error whose message is its code: safe to store on the row, in Redis or in a log. */
export class OutboxError extends Error {
  constructor(readonly code: OutboxErrorCode | string) {
    super(code);
    this.name = 'OutboxError';
  }
}

export class OutboxPayloadError extends OutboxError {
  constructor(readonly detail: string) {
    super(OutboxErrorCode.InvalidPayload);
    this.message = detail;
    this.name = 'OutboxPayloadError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Numeric ids (bigint sequences travel as strings). Nothing with a letter: a short pattern that
// allowed letters would also allow a first name.
const NUMERIC_ID = /^[0-9]{1,19}$/;
const FIELD = /^[a-z][A-Za-z0-9]{0,39}$/;
const MAX_FIELDS = 16;
const MAX_LIST = 100;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const isIdValue = (value: unknown): boolean =>
  (typeof value === 'string' && (UUID.test(value) || NUMERIC_ID.test(value))) ||
  (typeof value === 'number' && Number.isFinite(value));

/**
 * Payloads hold ids only (DESIGN.md decision 5, STYLE.md "Jobs"): uuids, numeric ids and numbers,
 * alone or in short lists, under identifier-like field names. Anything else — a name, a note, a
 * date, a nested object — is refused, so no personal data can reach the outbox or Redis by
 * mistake. The error names the field, never the value.
 */
export function assertIdsOnly(payload: unknown): void {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new OutboxPayloadError('Job payload must be an object of ids');
  }
  if (Object.getPrototypeOf(payload) !== Object.prototype && Object.getPrototypeOf(payload) !== null) {
    throw new OutboxPayloadError('Job payload must be a plain object');
  }
  const entries = Object.entries(payload);
  if (entries.length > MAX_FIELDS) throw new OutboxPayloadError(`Job payload has more than ${MAX_FIELDS} fields`);
  for (const [field, value] of entries) {
    // The field name is not echoed when it is itself suspicious: it could be the text.
    if (!FIELD.test(field)) throw new OutboxPayloadError('Job payload has a field whose name is not an identifier');
    const ok = Array.isArray(value) ? value.length <= MAX_LIST && value.every(isIdValue) : isIdValue(value);
    if (!ok) {
      throw new OutboxPayloadError(`Job payload field "${field}" must be a uuid, a numeric id or a number (or a list)`);
    }
  }
}

export interface RetrySettings {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** Delay before the next attempt after the `attempts`-th failure: base × 2^(attempts−1), capped. */
export function backoffDelayMs(
  attempts: number,
  settings: Pick<RetrySettings, 'backoffBaseMs' | 'backoffMaxMs'>,
): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^52 overflows nothing, but a cap before the multiplication keeps the arithmetic exact.
  if (exponent >= 52) return settings.backoffMaxMs;
  return Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** exponent);
}

export type AfterFailure = { state: OutboxState.Failed } | { state: OutboxState.Pending; runAt: Date };

/** What a row becomes once its `attempts`-th attempt has failed. */
export function afterFailure(attempts: number, settings: RetrySettings, now: Date): AfterFailure {
  if (attempts >= settings.maxAttempts) return { state: OutboxState.Failed };
  return { state: OutboxState.Pending, runAt: new Date(now.getTime() + backoffDelayMs(attempts, settings)) };
}

const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The code recorded for a failed attempt. Error messages may quote data (a driver quotes the
 * duplicate key, a library the input), so only a code is ever kept: the error's own code, the
 * SQLSTATE of a database error, else a generic one.
 */
export function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return OutboxErrorCode.HandlerFailed;
  const e = error as { code?: unknown; severity?: unknown; driverError?: { code?: unknown } };
  const sqlState = e.driverError?.code ?? (e.severity !== undefined ? e.code : undefined);
  if (typeof sqlState === 'string' && SQLSTATE.test(sqlState)) return `SQLSTATE_${sqlState}`;
  if (typeof e.code === 'string' && CODE.test(e.code)) return e.code;
  return OutboxErrorCode.HandlerFailed;
}
