import pino, { type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from '../config/config';

/** Headers that carry credentials; never written to a log. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
];

interface RequestLike {
  id?: string;
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
  ip?: string;
}

/**
 * Structured logs (pino, JSON). Requests are logged by method, route pattern and path without its
 * query string; bodies are never logged, so names and note texts cannot reach a log line.
 */
export function loggerOptions(config: Pick<AppConfig, 'LOG_LEVEL'>): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: RequestLike) => ({
        id: req.id,
        method: req.method,
        route: req.routeOptions?.url,
        path: req.url?.split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
}

export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>): Logger {
  return pino(loggerOptions(config));
}

export type { Logger };
