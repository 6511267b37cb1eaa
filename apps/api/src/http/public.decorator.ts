import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'envol:public';
export const PRE_AUTH = 'envol:pre-auth';
export const NO_TRANSACTION = 'envol:no-transaction';

/** The route needs no session (health, metrics, login). Everything else is denied by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Reachable between the password and the second factor (MFA step, enrolment, /me, logout). */
export const PreAuth = (): MethodDecorator & ClassDecorator => SetMetadata(PRE_AUTH, true);

/** The route opens no database transaction of its own (probes, metrics, login). */
export const NoTransaction = (): MethodDecorator & ClassDecorator => SetMetadata(NO_TRANSACTION, true);
