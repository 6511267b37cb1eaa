import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PrincipalService, type Principal } from '@app/access';
import { authError, AuthErrorCode, AuthService, SessionStage, type Session, type UserAccount } from '@app/auth';
import { CSRF_HEADER } from '@app/contracts';
import { AppConfig } from '@app/platform';
import { timingSafeEqual } from 'node:crypto';
import { IS_PUBLIC, PRE_AUTH } from './public.decorator';
import { readSessionCookie } from './session-cookie';
import type { EnvolRequest } from './transaction.interceptor';

export interface AuthenticatedRequest extends EnvolRequest {
  session?: Session;
  account?: UserAccount;
  principal?: Principal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Global guard: resolves the session cookie, denies by default (a route must be marked @Public to
 * be reached without a fully signed-in session), and checks the CSRF token on every
 * cookie-authenticated write.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly principals: PrincipalService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const preAuth = this.reflector.getAllAndOverride<boolean>(PRE_AUTH, targets) ?? false;

    const token = readSessionCookie(request, this.config);
    // Roles are read on every request, in the session lookup's transaction: a role revoked takes
    // effect on the next request.
    let principal: Principal | undefined;
    const result = token
      ? await this.auth.authenticate(token, { clientAddress: request.ip, requestId: request.id }, async (m, s) => {
          if (s.stage === SessionStage.Done)
            principal = await this.principals.loadIn(m, s.userId, s.user?.associationId ?? null);
        })
      : ({ kind: 'none' } as const);
    if (result.kind === 'ok') {
      request.session = result.session;
      request.account = result.user;
      if (result.session.stage === SessionStage.Done && principal) {
        request.principal = principal;
        request.actor = {
          userId: result.user.id,
          associationId: result.user.associationId,
          roles: principal.roles,
          sessionId: result.session.id,
          teamId: principal.teamId,
          siteIds: principal.siteIds,
        };
      }
    }
    if (isPublic) return true;
    if (result.kind !== 'ok') {
      throw authError(result.kind === 'expired' ? AuthErrorCode.SessionExpired : AuthErrorCode.Unauthenticated);
    }
    if (result.session.stage !== SessionStage.Done && !preAuth) throw authError(AuthErrorCode.Unauthenticated);
    if (
      !SAFE_METHODS.has(request.method) &&
      !sameToken(request.headers[CSRF_HEADER] as string | undefined, result.session.csrfToken)
    ) {
      throw authError(AuthErrorCode.CsrfTokenInvalid);
    }
    return true;
  }
}
