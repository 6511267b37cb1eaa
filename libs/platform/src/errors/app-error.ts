/** Codes every lib may raise; feature libs define their own enums alongside. */
export enum PlatformErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  Conflict = 'VERSION_CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Internal = 'INTERNAL_ERROR',
  Unavailable = 'SERVICE_UNAVAILABLE',
}

export interface ErrorDetail {
  field?: string;
  code: string;
  message?: string;
}

/**
 * The one error class the HTTP filter understands: a stable `code` the UI translates, the HTTP
 * status, and details that never carry personal data.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Resource'): AppError =>
  new AppError(PlatformErrorCode.NotFound, 404, `${what} not found`);

export const versionConflict = (): AppError =>
  new AppError(PlatformErrorCode.Conflict, 409, 'This record was changed by someone else; reload it');
