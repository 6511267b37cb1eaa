// The one way the web UI talks to the API. The decisions (which headers, how an error body reads,
// when a 401 means "your session ended") are pure functions, unit-tested apart from fetch.
import { CSRF_HEADER } from '@app/contracts';

/** Stands for "the server could not be reached" (no HTTP status at all). */
export const NETWORK_ERROR = 'NETWORK_ERROR';
/** A response that is not the `{ statusCode, code, message, details[] }` the API promises. */
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';

/** The 401 codes that mean a session that existed is gone (idle or absolute timeout, sign-out elsewhere). */
const SESSION_END_CODES: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

/** Methods that change nothing, so need no CSRF token. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiErrorDetail {
  readonly field?: string;
  readonly code: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The API's stable error code, `NETWORK_ERROR` or `UNEXPECTED_RESPONSE`. Never shown as is. */
    readonly code: string,
    readonly details: readonly ApiErrorDetail[] = [],
    /** Seconds to wait, from Retry-After, when the server gave one. */
    readonly retryAfter?: number,
  ) {
    super(code);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function detailsOf(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): ApiErrorDetail[] => {
    if (!isRecord(item) || typeof item['code'] !== 'string') return [];
    return [typeof item['field'] === 'string' ? { field: item['field'], code: item['code'] } : { code: item['code'] }];
  });
}

/**
 * Retry-After in seconds: either delta-seconds or an HTTP date (RFC 9110, 10.2.3). Undefined when
 * absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date = new Date()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // Every HTTP date form names its month; without letters, Date.parse would take "-5" for a year.
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/**
 * The error a failed response stands for. The body's `code` wins; the English `message` is dropped
 * on purpose (the UI translates codes). A body that is not the API's shape still yields an error
 * with the HTTP status, so a proxy's HTML 502 page is reported, not thrown at the user.
 */
export function parseApiError(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (!isRecord(body) || typeof body['code'] !== 'string' || body['code'] === '') {
    const code = status >= 500 ? 'INTERNAL_ERROR' : UNEXPECTED_RESPONSE;
    return new ApiError(status, code, [], retryAfter);
  }
  return new ApiError(status, body['code'], detailsOf(body['details']), retryAfter);
}

export function needsCsrfToken(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Headers for a request. The CSRF token goes on every unsafe method once the UI holds one (from
 * `GET /api/me`), and never on GET, where it would only leak into logs and caches.
 */
export function requestHeaders(method: string, csrfToken: string | null, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (csrfToken && needsCsrfToken(method)) headers[CSRF_HEADER] = csrfToken;
  return headers;
}

/** Whether an error means that the session the UI believed in has ended. */
export function isSessionEnd(error: ApiError, hadSession: boolean): boolean {
  return hadSession && error.status === 401 && SESSION_END_CODES.has(error.code);
}

// The session as far as requests are concerned. Set from GET /api/me by the session query.
let csrfToken: string | null = null;
let onSessionEnd: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request made with a session answers 401 UNAUTHENTICATED or SESSION_EXPIRED. */
export function setSessionEndHandler(handler: (() => void) | null): void {
  onSessionEnd = handler;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Leave a 401 to the caller instead of ending the session (used by GET /api/me itself). */
  readonly quietUnauthenticated?: boolean;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const hasBody = options.body !== undefined;
  const tokenAtStart = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: requestHeaders(method, tokenAtStart, hasBody),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    // An abort is the caller's decision, not a network failure: let it through unchanged.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR);
  }

  if (!response.ok) {
    const error = parseApiError(response.status, await readJson(response), response.headers.get('Retry-After'));
    if (!options.quietUnauthenticated && isSessionEnd(error, tokenAtStart !== null)) onSessionEnd?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const body = await readJson(response);
  if (body === undefined) throw new ApiError(response.status, UNEXPECTED_RESPONSE);
  return body as T;
}

/**
 * Ends the session without waiting for the answer, for the quick exit: a `keepalive` request
 * outlives the page that sends it. Not `sendBeacon`, which cannot carry the CSRF header the
 * logout route requires.
 */
export function endSessionInBackground(): void {
  if (!csrfToken) return;
  try {
    void fetch('/api/auth/logout', {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: requestHeaders('POST', csrfToken, false),
    }).catch(() => undefined);
  } catch {
    // Leaving matters more than signing out cleanly: the session times out anyway.
  }
  csrfToken = null;
}

/**
 * A multipart upload (documents): the browser sets the multipart content type and boundary; the
 * CSRF token goes as on any unsafe request. Errors read like `apiRequest`'s.
 */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  const tokenAtStart = csrfToken;
  const headers = requestHeaders('POST', tokenAtStart, false);
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers, body: form });
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
  if (!response.ok) {
    const error = parseApiError(response.status, await readJson(response), response.headers.get('Retry-After'));
    if (isSessionEnd(error, tokenAtStart !== null)) onSessionEnd?.();
    throw error;
  }
  const body = await readJson(response);
  if (body === undefined) throw new ApiError(response.status, UNEXPECTED_RESPONSE);
  return body as T;
}
