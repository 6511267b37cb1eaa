import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@app/contracts';

export const IS_PUBLIC = 'envol:public';
export const PRE_AUTH = 'envol:pre-auth';
export const NO_TRANSACTION = 'envol:no-transaction';
export const PERMISSION = 'envol:permission';

/** The route needs no session (health, metrics, login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * What the route requires. Every route declares this or @Public(); the global guard denies an
 * undeclared route, and a test fails on one.
 */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(PERMISSION, permission);

/** Reachable between the password and the second factor (MFA step, enrolment, /me, logout). */
export const PreAuth = (): MethodDecorator & ClassDecorator => SetMetadata(PRE_AUTH, true);

/** The route opens no database transaction of its own (probes, metrics, login). */
export const NoTransaction = (): MethodDecorator & ClassDecorator => SetMetadata(NO_TRANSACTION, true);
