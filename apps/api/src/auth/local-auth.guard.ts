import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { validationPipe } from '../http/validation';
import { LoginDto } from './auth.dto';

/**
 * Passport's local strategy, after the body has passed the same validation as every other route
 * (unknown keys refused): nothing is looked up for a malformed request.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly pipe = validationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body: unknown }>();
    await this.pipe.transform(request.body ?? {}, { type: 'body', metatype: LoginDto });
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error instanceof Error ? error : new Error('Authentication failed');
    return user;
  }
}
