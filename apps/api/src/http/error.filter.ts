import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { AppError, LOGGER, PlatformErrorCode, type ErrorDetail, type Logger } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

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

/**
 * Every error leaves as `{ statusCode, code, message, details[] }` (DESIGN.md decision 8). Messages
 * for 4xx come from our own error classes or a fixed table, never from a library's text (which can
 * quote SQL or input); 5xx are logged with their stack and answered with a generic body.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { body, headers } = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, reqId: request.id, route: request.routeOptions?.url }, 'request failed');
    }
    void reply.status(body.statusCode).headers(headers).send(body);
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
