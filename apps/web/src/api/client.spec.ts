import { CSRF_HEADER } from '@app/contracts';
import {
  apiRequest,
  ApiError,
  isSessionEnd,
  needsCsrfToken,
  parseApiError,
  parseRetryAfter,
  requestHeaders,
  setCsrfToken,
  setSessionEndHandler,
  UNEXPECTED_RESPONSE,
} from './client';

describe('parseApiError', () => {
  it('reads the code, the details and Retry-After, and drops the English message', () => {
    const error = parseApiError(
      400,
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'The request is not valid',
        details: [
          { field: 'email', code: 'isString', message: 'email must be a string' },
          { code: 'whitelistValidation' },
        ],
      },
      null,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', retryAfter: undefined });
    expect(error.details).toEqual([{ field: 'email', code: 'isString' }, { code: 'whitelistValidation' }]);
    expect(error.message).not.toContain('not valid');
  });

  it('gives the seconds of Retry-After on a 429', () => {
    const error = parseApiError(429, { statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: 'x', details: [] }, '840');
    expect(error).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS', retryAfter: 840 });
  });

  it.each([[{ field: 'x' }], [{ code: 7 }], ['INVALID'], [null]])('skips a malformed detail: %j', (detail) => {
    expect(parseApiError(400, { code: 'VALIDATION_FAILED', details: [detail] }).details).toEqual([]);
  });

  it('keeps no details when details is not a list', () => {
    expect(parseApiError(400, { code: 'VALIDATION_FAILED', details: 'nope' }).details).toEqual([]);
  });

  it.each([
    [502, '<html>Bad gateway</html>', 'INTERNAL_ERROR'],
    [500, undefined, 'INTERNAL_ERROR'],
    [404, undefined, UNEXPECTED_RESPONSE],
    [400, { code: '' }, UNEXPECTED_RESPONSE],
    [401, { code: 42 }, UNEXPECTED_RESPONSE],
    [403, ['CSRF_TOKEN_INVALID'], UNEXPECTED_RESPONSE],
  ])('reports a %i whose body is not the API shape (%j) as %s', (status, body, code) => {
    expect(parseApiError(status, body)).toMatchObject({ status, code, details: [] });
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-03-02T10:00:00Z');

  it.each([
    ['120', 120],
    [' 60 ', 60],
    ['0', 0],
  ])('reads delta-seconds %j', (header, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });

  it('reads an HTTP date, rounding up', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:05:00 GMT', now)).toBe(300);
  });

  it('never gives a negative delay for a date in the past', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });

  it.each([[null], [undefined], [''], ['soon'], ['-5'], ['1.5']])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('CSRF header', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('is needed on %s', (method) => {
    expect(needsCsrfToken(method)).toBe(true);
  });

  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('is not needed on %s', (method) => {
    expect(needsCsrfToken(method)).toBe(false);
  });

  it('is sent on a write once the token is known', () => {
    expect(requestHeaders('POST', 'tok-123', true)).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      [CSRF_HEADER]: 'tok-123',
    });
    expect(CSRF_HEADER).toBe('x-csrf-token');
  });

  it('is sent on a write without a body (logout, enrolment)', () => {
    expect(requestHeaders('POST', 'tok-123', false)).toEqual({ Accept: 'application/json', [CSRF_HEADER]: 'tok-123' });
  });

  it('is never sent on a read', () => {
    expect(requestHeaders('GET', 'tok-123', false)).toEqual({ Accept: 'application/json' });
  });

  it('is absent before sign-in (login, reset)', () => {
    expect(requestHeaders('POST', null, true)).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
    });
    expect(requestHeaders('POST', '', true)).not.toHaveProperty(CSRF_HEADER);
  });
});

describe('isSessionEnd', () => {
  it.each(['UNAUTHENTICATED', 'SESSION_EXPIRED'])('is true for a 401 %s when a session existed', (code) => {
    expect(isSessionEnd(new ApiError(401, code), true)).toBe(true);
  });

  it('is false without a session (a visitor, or the sign-in form itself)', () => {
    expect(isSessionEnd(new ApiError(401, 'SESSION_EXPIRED'), false)).toBe(false);
  });

  it.each([
    [401, 'INVALID_CREDENTIALS'],
    [401, 'INVALID_MFA_CODE'],
    [403, 'CSRF_TOKEN_INVALID'],
    [403, 'UNAUTHENTICATED'],
    [0, 'NETWORK_ERROR'],
  ])('is false for %i %s', (status, code) => {
    expect(isSessionEnd(new ApiError(status, code), true)).toBe(false);
  });
});

describe('apiRequest', () => {
  const realFetch = global.fetch;
  let fetchMock: jest.Mock<Promise<Response>, [string, RequestInit]>;
  let sessionEnded: jest.Mock<void, []>;

  beforeEach(() => {
    fetchMock = jest.fn<Promise<Response>, [string, RequestInit]>();
    global.fetch = fetchMock as unknown as typeof fetch;
    sessionEnded = jest.fn<void, []>();
    setSessionEndHandler(sessionEnded);
    setCsrfToken(null);
  });

  afterEach(() => {
    global.fetch = realFetch;
    setSessionEndHandler(null);
    setCsrfToken(null);
  });

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

  it('sends JSON with the session cookie and the CSRF token, and returns the body', async () => {
    setCsrfToken('tok-1');
    fetchMock.mockResolvedValue(json(200, { next: 'done' }));
    await expect(apiRequest('POST', '/api/auth/mfa', { body: { code: '123456' } })).resolves.toEqual({ next: 'done' });
    const [path, init] = fetchMock.mock.calls[0];
    expect(path).toBe('/api/auth/mfa');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"code":"123456"}' });
    expect(init.headers).toMatchObject({ [CSRF_HEADER]: 'tok-1', 'Content-Type': 'application/json' });
  });

  it('returns nothing on 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(apiRequest('POST', '/api/auth/logout')).resolves.toBeUndefined();
  });

  it('throws a typed error with Retry-After', async () => {
    fetchMock.mockResolvedValue(
      json(429, { statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: 'x', details: [] }, { 'Retry-After': '900' }),
    );
    await expect(apiRequest('POST', '/api/auth/login', { body: {} })).rejects.toMatchObject({
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
      retryAfter: 900,
    });
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(apiRequest('GET', '/api/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('lets an abort through', async () => {
    fetchMock.mockRejectedValue(new DOMException('aborted', 'AbortError'));
    await expect(apiRequest('GET', '/api/me')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('ends the session on a 401 SESSION_EXPIRED made with a session', async () => {
    setCsrfToken('tok-1');
    fetchMock.mockResolvedValue(json(401, { statusCode: 401, code: 'SESSION_EXPIRED', message: 'x', details: [] }));
    await expect(apiRequest('POST', '/api/auth/password', { body: {} })).rejects.toBeInstanceOf(ApiError);
    expect(sessionEnded).toHaveBeenCalledTimes(1);
  });

  it('does not end anything on a failed sign-in, nor when the caller handles the 401', async () => {
    fetchMock.mockResolvedValue(json(401, { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'x', details: [] }));
    await expect(apiRequest('POST', '/api/auth/login', { body: {} })).rejects.toBeInstanceOf(ApiError);
    setCsrfToken('tok-1');
    fetchMock.mockResolvedValue(json(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'x', details: [] }));
    await expect(apiRequest('GET', '/api/me', { quietUnauthenticated: true })).rejects.toBeInstanceOf(ApiError);
    expect(sessionEnded).not.toHaveBeenCalled();
  });
});
