import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { AppError, Clock, LOGGER, PlatformErrorCode, type ErrorDetail, type Logger } from '@app/platform';
import { AuditOutcome, AuditService } from '@app/audit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EnvolRequest } from './transaction.interceptor';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: ErrorDetail[];
}

const CODE_BY_STATUS: Record<number, string> = {
  400: PlatformErrorCode.ValidationFailed,
  401: PlatformErrorCode.Unauthenticated,
  403: PlatformErrorCode.Forbidden,
  404: PlatformErrorCode.NotFound,
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: PlatformErrorCode.Conflict,
  413: PlatformErrorCode.PayloadTooLarge,
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: PlatformErrorCode.TooManyRequests,
  503: PlatformErrorCode.Unavailable,
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  400: 'The request is not valid',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'The request is too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  503: 'Service unavailable',
};

// Refusals the auth lib already records as authentication events (auth_event → audit_entry).
const AUTH_EVENT_ROUTES = new Set([
  '/api/auth/login',
  '/api/auth/mfa',
  '/api/auth/mfa/enrolment/confirm',
  '/api/auth/reset',
]);
const AUTH_EVENT_CODES = new Set([
  'INVALID_CREDENTIALS',
  'INVALID_MFA_CODE',
  'TOO_MANY_ATTEMPTS',
  'RESET_LINK_INVALID',
]);

/**
 * Every error leaves as `{ statusCode, code, message, details[] }` (DESIGN.md decision 8). Messages
 * for 4xx come from our own error classes or a fixed table, never from a library's text (which can
 * quote SQL or input); 5xx are logged with their stack and answered with a generic body.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<EnvolRequest>();
    // Refused before the handler (permission, validation): the session guard's transaction is not
    // taken; rolled back now, so that its connection is free for the refusal's own audit entry.
    await request.openTransaction?.abandon().catch(() => undefined);
    const { body, headers } = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, reqId: request.id, route: request.routeOptions?.url }, 'request failed');
    }
    await this.recordRefusal(request, body);
    // A route may have set another type (CSV export) before failing: errors are always JSON.
    reply.removeHeader('content-disposition');
    void reply
      .status(body.statusCode)
      .headers({ ...headers, 'content-type': 'application/json; charset=utf-8' })
      .send(body);
  }

  /**
   * Every refusal (401, 403, and 404 for a signed-in user) is audited in a transaction of its own:
   * the request's transaction was rolled back and its connection released before this runs.
   */
  private async recordRefusal(request: EnvolRequest, body: ErrorBody): Promise<void> {
    const status = body.statusCode;
    const refused = status === 401 || status === 403 || (status === 404 && Boolean(request.actor));
    const route = request.routeOptions?.url;
    const recordedAsEvent =
      body.code === 'SESSION_EXPIRED' ||
      (AUTH_EVENT_CODES.has(body.code) && route !== undefined && AUTH_EVENT_ROUTES.has(route));
    if (!refused || recordedAsEvent) return;
    try {
      await this.audit.recordRefusal(
        { requestId: request.id, now: this.clock.now(), actor: request.actor, clientAddress: request.ip },
        {
          action: `refused.${request.method.toLowerCase()}`,
          objectType: 'route',
          objectId: route ? route.slice(0, 64) : null,
          outcome: status === 404 ? AuditOutcome.NotFound : AuditOutcome.Denied,
          detail: `${status} ${body.code}`.slice(0, 64),
        },
      );
    } catch (error) {
      // The refusal is answered even if it could not be recorded; the failure is logged.
      this.logger.error({ err: error, reqId: request.id }, 'refusal not audited');
    }
  }

  toBody(exception: unknown, request: FastifyRequest): { body: ErrorBody; headers: Record<string, string> } {
    if (exception instanceof AppError) {
      return {
        body: {
          statusCode: exception.status,
          code: exception.code,
          message: exception.message,
          details: exception.details,
        },
        headers: exception.headers,
      };
    }
    let status = 500;
    if (exception instanceof HttpException) status = exception.getStatus();
    else if (isFastifyError(exception)) status = exception.statusCode;
    if (status < 400 || status > 599) status = 500;
    if (status >= 500) {
      const unavailable = status === 503;
      return {
        body: {
          statusCode: unavailable ? 503 : 500,
          code: unavailable ? PlatformErrorCode.Unavailable : PlatformErrorCode.Internal,
          message: unavailable ? 'Service unavailable' : `Internal error (request ${request.id})`,
          details: [],
        },
        headers: {},
      };
    }
    return {
      body: {
        statusCode: status,
        code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST',
        message: MESSAGE_BY_STATUS[status] ?? 'Bad request',
        details: [],
      },
      headers: {},
    };
  }
}

function isFastifyError(e: unknown): e is { statusCode: number; code?: string } {
  return typeof e === 'object' && e !== null && typeof (e as { statusCode?: unknown }).statusCode === 'number';
}
