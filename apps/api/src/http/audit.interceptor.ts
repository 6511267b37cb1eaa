import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditService } from '@app/audit';
import { from, mergeMap, type Observable } from 'rxjs';
import type { EnvolRequest } from './transaction.interceptor';

export const AUDITED = 'envol:audited';

export interface AuditedRoute {
  action: string;
  objectType?: string;
  /** Route parameter naming the object; else the response's `id` (or `user.id`) is used. */
  idParam?: string;
}

/** A successful call of this route writes one audit entry, in the request's transaction. */
export const Audited = (route: AuditedRoute): MethodDecorator => SetMetadata(AUDITED, route);

function idFrom(result: unknown): string | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as { id?: unknown; user?: { id?: unknown } };
  if (typeof r.id === 'string') return r.id;
  if (typeof r.user?.id === 'string') return r.user.id;
  return null;
}

/**
 * Runs inside the transaction interceptor: the entry is inserted before the commit, so a write
 * that fails or rolls back leaves none, and no write exists without its entry.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<AuditedRoute | undefined>(AUDITED, context.getHandler());
    if (!route) return next.handle();
    const request = context.switchToHttp().getRequest<EnvolRequest & { params?: Record<string, string> }>();
    return next.handle().pipe(
      mergeMap((result: unknown) =>
        from(
          (async () => {
            const ctx = request.envolCtx;
            if (ctx) {
              const objectId = route.idParam ? (request.params?.[route.idParam] ?? null) : idFrom(result);
              await this.audit.record(ctx, { action: route.action, objectType: route.objectType ?? null, objectId });
            }
            return result;
          })(),
        ),
      ),
    );
  }
}
