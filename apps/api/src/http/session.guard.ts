import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { loadPrincipal, type Principal } from '@app/access';
import { authError, AuthErrorCode, AuthService, SessionStage, type Session, type UserAccount } from '@app/auth';
import { CSRF_HEADER } from '@app/contracts';
import { AppConfig, OpenTransaction } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IS_PUBLIC, NO_TRANSACTION, PRE_AUTH } from './public.decorator';
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
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const preAuth = this.reflector.getAllAndOverride<boolean>(PRE_AUTH, targets) ?? false;

    const token = readSessionCookie(request, this.config);
    const result = token
      ? await this.authenticate(request, context.switchToHttp().getResponse<FastifyReply>(), token, targets)
      : ({ kind: 'none' } as const);
    const principal = result.kind === 'ok' ? result.principal : undefined;
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

  /**
   * Reads the session and, once it is complete, the roles (on every request, so that a role revoked
   * takes effect on the next one), in a transaction that the request's work continues
   * (TransactionInterceptor): one transaction per request. The guard finishes the transaction itself
   * when no work will take it (no valid session, a route without a transaction); a refusal before the
   * handler or a client gone abandons it (ErrorFilter, and the reply's close as the last resort).
   */
  private async authenticate(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    token: string,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ) {
    const open = await OpenTransaction.begin(this.dataSource);
    let principal: Principal | undefined;
    try {
      const result = await this.auth.authenticateIn(
        open.manager,
        token,
        { clientAddress: request.ip, requestId: request.id },
        async (manager, session) => {
          if (session.stage !== SessionStage.Done) return;
          const associationId = session.user?.associationId ?? null;
          // RLS on the membership tables: the tenant is the user's association from here on.
          if (associationId) await open.setTenant(associationId);
          principal = await loadPrincipal(manager, session.userId, associationId);
        },
      );
      const continues =
        result.kind === 'ok' &&
        principal !== undefined &&
        !(this.reflector.getAllAndOverride<boolean>(NO_TRANSACTION, targets) ?? false);
      if (continues) {
        request.openTransaction = open;
        reply.raw.once('close', () => void open.abandon().catch(() => undefined));
      } else {
        await open.commit();
      }
      return result.kind === 'ok' ? { ...result, principal } : result;
    } catch (error) {
      await open.abandon().catch(() => undefined);
      throw error;
    }
  }
}
