export { AccountsService, type NewAccount, type ResetLink } from './accounts.service';
export { AuthEvent, AuthEventType } from './auth-event.entity';
export { authError, AuthErrorCode } from './auth.errors';
export { AuthModule } from './auth.module';
export {
  AuthService,
  type AuthenticatedSession,
  type AuthenticationResult,
  type ClientInfo,
  type IssuedSession,
} from './auth.service';
export { AuthSettings } from './auth.settings';
export { AuthThrottle } from './auth-throttle.entity';
export { PasswordReset } from './password-reset.entity';
export { RecoveryCode } from './recovery-code.entity';
export { Session, SessionStage } from './session.entity';
export { hashPassword } from './passwords';
export { normaliseEmail } from './tokens';
export { AccountStatus, UserAccount } from './user-account.entity';

import { AuthEvent } from './auth-event.entity';
import { AuthThrottle } from './auth-throttle.entity';
import { PasswordReset } from './password-reset.entity';
import { RecoveryCode } from './recovery-code.entity';
import { Session } from './session.entity';
import { UserAccount } from './user-account.entity';

/** The lib's tables, for the composition root's data source. */
export const AUTH_ENTITIES = [UserAccount, Session, AuthThrottle, PasswordReset, RecoveryCode, AuthEvent];
