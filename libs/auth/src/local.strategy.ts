import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { AppError, PlatformErrorCode } from '@app/platform';
import { Strategy } from 'passport-local';
import { AuthService, type IssuedSession } from './auth.service';

interface RequestLike {
  id: string;
  ip: string;
}

const MAX_EMAIL = 254;
const MAX_PASSWORD = 1024;

/** The password step, through passport's local strategy (no passport session: ours is in PostgreSQL). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(request: RequestLike, email: unknown, password: unknown): Promise<IssuedSession> {
    if (
      typeof email !== 'string' ||
      typeof password !== 'string' ||
      email.length > MAX_EMAIL ||
      password.length > MAX_PASSWORD
    ) {
      throw new AppError(PlatformErrorCode.ValidationFailed, 400, 'The request is not valid', [
        { field: 'email', code: 'isString' },
        { field: 'password', code: 'isString' },
      ]);
    }
    return this.auth.login(email, password, { clientAddress: request.ip, requestId: request.id });
  }
}
