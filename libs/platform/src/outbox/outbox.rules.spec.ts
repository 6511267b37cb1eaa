import {
  afterFailure,
  assertIdsOnly,
  backoffDelayMs,
  errorCode,
  OutboxError,
  OutboxErrorCode,
  OutboxPayloadError,
  OutboxState,
} from './outbox.rules';

const UUID = '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b';

describe('assertIdsOnly', () => {
  it.each([
    [{}],
    [{ personId: UUID }],
    [{ personId: UUID.toUpperCase() }],
    [{ sequenceId: '1234567890123456789' }],
    [{ year: 2026, ratio: 0.5 }],
    [{ personIds: [UUID, UUID], counts: [1, 2] }],
    [{ personIds: [] }],
    [Object.assign(Object.create(null) as object, { personId: UUID })],
  ])('accepts %j', (payload) => {
    expect(() => assertIdsOnly(payload)).not.toThrow();
  });

  it.each([
    ['a first name', { personId: 'Marie' }],
    ['a full name', { name: 'Marie Dupont' }],
    ['a short word', { ref: 'abc' }],
    ['a phone number as text', { phone: '+33 6 12 34 56 78' }],
    ['a date', { due: '2026-11-27' }],
    ['an empty string', { personId: '' }],
    ['a uuid with text around it', { personId: `${UUID} Marie` }],
    ['a too long numeric id', { id: '12345678901234567890' }],
    ['a nested object', { person: { id: UUID } }],
    ['null', { personId: null }],
    ['a boolean', { urgent: true }],
    ['NaN', { n: Number.NaN }],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['a list holding a name', { personIds: [UUID, 'Marie'] }],
    ['a list too long', { personIds: Array.from({ length: 101 }, () => UUID) }],
    ['a nested list', { personIds: [[UUID]] }],
    ['a field name that is text', { 'Marie Dupont': UUID }],
    ['a field name with a dash', { 'person-id': UUID }],
    ['too many fields', Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`id${i}`, i]))],
  ])('refuses %s', (_what, payload) => {
    expect(() => assertIdsOnly(payload)).toThrow(OutboxPayloadError);
  });

  it.each([[null], [undefined], ['Marie'], [[UUID]], [42], [new Date()], [new Map([['personId', UUID]])]])(
    'refuses a payload that is not a plain object: %p',
    (payload) => {
      expect(() => assertIdsOnly(payload)).toThrow(OutboxPayloadError);
    },
  );

  it('names the field, never the value, and carries the payload code', () => {
    let error: unknown;
    try {
      assertIdsOnly({ personId: 'Marie Dupont' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutboxPayloadError);
    expect((error as Error).message).toContain('personId');
    expect((error as Error).message).not.toContain('Marie');
    expect((error as OutboxPayloadError).code).toBe(OutboxErrorCode.InvalidPayload);
  });

  it('does not echo a suspicious field name', () => {
    expect(() => assertIdsOnly({ 'Marie Dupont': UUID })).toThrow(/^(?!.*Marie).*$/);
  });
});

describe('backoffDelayMs', () => {
  const settings = { backoffBaseMs: 60_000, backoffMaxMs: 3_600_000 };
  it.each([
    [0, 60_000],
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [4, 480_000],
    [5, 960_000],
    [6, 1_920_000],
    [7, 3_600_000],
    [8, 3_600_000],
    [60, 3_600_000],
    [10_000, 3_600_000],
  ])('after failure %i waits %i ms', (attempts, expected) => {
    expect(backoffDelayMs(attempts, settings)).toBe(expected);
  });

  it('never exceeds the cap, even with a tiny base', () => {
    for (let attempts = 1; attempts < 80; attempts++) {
      expect(backoffDelayMs(attempts, { backoffBaseMs: 10, backoffMaxMs: 1_000 })).toBeLessThanOrEqual(1_000);
    }
  });
});

describe('afterFailure', () => {
  const now = new Date('2026-11-27T10:00:00.000Z');
  const settings = { maxAttempts: 3, backoffBaseMs: 1_000, backoffMaxMs: 60_000 };
  it.each([
    [1, { state: OutboxState.Pending, runAt: new Date('2026-11-27T10:00:01.000Z') }],
    [2, { state: OutboxState.Pending, runAt: new Date('2026-11-27T10:00:02.000Z') }],
    [3, { state: OutboxState.Failed }],
    [4, { state: OutboxState.Failed }],
  ])('after failure %i → %j', (attempts, expected) => {
    expect(afterFailure(attempts, settings, now)).toEqual(expected);
  });

  it('parks at the first failure when one attempt is allowed', () => {
    expect(afterFailure(1, { ...settings, maxAttempts: 1 }, now)).toEqual({ state: OutboxState.Failed });
  });
});

describe('errorCode', () => {
  class QueryFailedError extends Error {
    constructor(readonly driverError: { code: string }) {
      super('duplicate key value violates unique constraint: Key (email)=(marie@example.org) already exists');
    }
  }
  it.each([
    ['an outbox error', new OutboxError('JOB_POISON'), 'JOB_POISON'],
    ['an app error code', Object.assign(new Error('x'), { code: 'VERSION_CONFLICT' }), 'VERSION_CONFLICT'],
    ['a TypeORM query error', new QueryFailedError({ code: '23505' }), 'SQLSTATE_23505'],
    ['a pg error', Object.assign(new Error('x'), { code: '40001', severity: 'ERROR' }), 'SQLSTATE_40001'],
    ['a Node system error', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    ['a code that is text', Object.assign(new Error('x'), { code: 'Marie Dupont' }), OutboxErrorCode.HandlerFailed],
    ['a numeric code', Object.assign(new Error('x'), { code: 42 }), OutboxErrorCode.HandlerFailed],
    ['a plain error', new Error('Marie Dupont not found'), OutboxErrorCode.HandlerFailed],
    ['a thrown string', 'Marie Dupont', OutboxErrorCode.HandlerFailed],
    ['undefined', undefined, OutboxErrorCode.HandlerFailed],
  ])('%s → %s', (_what, error, expected) => {
    expect(errorCode(error)).toBe(expected);
  });
});
