import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Global: every lib records through the same service, in the caller's transaction. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
