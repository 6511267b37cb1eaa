import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { accessError, AccessErrorCode } from '@app/access';
import { Permission, permissionsOf } from '@app/contracts';
import { IS_PUBLIC, PERMISSION, PRE_AUTH } from './public.decorator';
import type { AuthenticatedRequest } from './session.guard';

/**
 * Deny by default: a route that declares neither @Public() nor a permission is refused for
 * everyone (and the route-completeness test fails on it). `Permission.Self` is any signed-in user.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION, targets);
    if (!required) throw accessError(AccessErrorCode.Forbidden);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (required === Permission.Self) {
      return (
        Boolean(request.actor) ||
        Boolean(this.reflector.getAllAndOverride<boolean>(PRE_AUTH, targets) && request.session)
      );
    }
    if (!request.actor || !permissionsOf(request.actor.roles).has(required))
      throw accessError(AccessErrorCode.Forbidden);
    return true;
  }
}
