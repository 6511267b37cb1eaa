import type { AppConfig } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** `__Host-` in production: Secure, no Domain, Path=/ — the cookie cannot be set by a sibling host. */
export function sessionCookieName(config: AppConfig): string {
  return config.isProduction ? '__Host-envol_session' : 'envol_session';
}

export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  reply.setCookie(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.isProduction,
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(sessionCookieName(config), {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.isProduction,
    path: '/',
  });
}

export function readSessionCookie(request: FastifyRequest, config: AppConfig): string | undefined {
  return request.cookies?.[sessionCookieName(config)];
}
