import {
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock, inTransaction, RequestContext, type Actor, type OpenTransaction } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { NO_TRANSACTION } from './public.decorator';

export interface EnvolRequest extends FastifyRequest {
  actor?: Actor;
  envolCtx?: RequestContext;
  /** The session guard's transaction, for the request's work to continue (and commit). */
  openTransaction?: OpenTransaction;
}

/**
 * One transaction per request (begun by the session guard for a signed-in request), with the
 * tenant set before the handler runs; the handler's
 * result is committed with it, an error rolls everything back (audit entries included).
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const skip = this.reflector.getAllAndOverride<boolean>(NO_TRANSACTION, [context.getHandler(), context.getClass()]);
    if (skip || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<EnvolRequest>();
    const init = { requestId: request.id, now: this.clock.now(), actor: request.actor, clientAddress: request.ip };
    const work = (ctx: RequestContext) => {
      request.envolCtx = ctx;
      return lastValueFrom(next.handle(), { defaultValue: undefined });
    };
    // The session guard's transaction when it left one open (a signed-in request), else a new one.
    return from(request.openTransaction?.take(init, work) ?? inTransaction(this.dataSource, init, work));
  }
}

/** The request's context (actor, tenant, transaction): the first argument of every service call. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const ctx = context.switchToHttp().getRequest<EnvolRequest>().envolCtx;
  if (!ctx) throw new Error('No request context: the route is marked @NoTransaction()');
  return ctx;
});
