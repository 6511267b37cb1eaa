import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'envol:public';
export const NO_TRANSACTION = 'envol:no-transaction';

/** The route needs no session (health, metrics, login). Everything else will be denied by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The route opens no database transaction of its own (probes, metrics). */
export const NoTransaction = (): MethodDecorator & ClassDecorator => SetMetadata(NO_TRANSACTION, true);
