import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AccessModule } from '@app/access';
import { AuditModule } from '@app/audit';
import { AuditSealerLoop } from './audit/audit-sealer.loop';
import { RemindersArmLoop } from './jobs/reminders-arm.loop';
import { RemindersController } from './reminders/reminders.controller';
import { AuditController } from './audit/audit.controller';
import { JobsController } from './jobs/jobs.controller';
import { PeopleController } from './people/people.controller';
import { PeopleService } from '@app/people';
import { RemindersService } from '@app/reminders';
import { PathwaysService } from '@app/pathways';
import {
  CommissionController,
  DeadlinesController,
  PathwaysController,
  PathwaySettingsController,
  PersonPathwaysController,
} from './pathways/pathways.controller';
import { CaseworkService } from '@app/casework';
import { AgendaController, AppointmentsController, JournalController } from './casework/casework.controller';
import { DOCUMENT_STORAGE, DocumentsService, FolderStorage } from '@app/documents';
import { PartnersService } from '@app/partners';
import { OutreachService } from '@app/outreach';
import { DocumentsController } from './documents/documents.controller';
import { PartnersController, ReferralsController } from './documents/partners.controller';
import { OutreachController } from './documents/outreach.controller';
import { TransactionRunner } from './http/transaction-runner';
import { AuditInterceptor } from './http/audit.interceptor';
import type { AuthSettings } from '@app/auth';
import { AppConfig, PlatformModule, type PlatformOptions } from '@app/platform';
import { AuthController, MeController } from './auth/auth.controller';
import { HealthController } from './health/health.controller';
import { Metrics, MetricsController } from './health/metrics';
import { ErrorFilter } from './http/error.filter';
import { PermissionGuard } from './http/permission.guard';
import { SessionGuard } from './http/session.guard';
import {
  BreakGlassReviewController,
  SettingsController,
  SitesController,
  TeamsController,
} from './access/organisation.controller';
import { SettingsService } from './access/settings.service';
import { UsersController } from './access/users.controller';
import { TransactionInterceptor } from './http/transaction.interceptor';

@Module({})
export class AppModule {
  static forRoot(platform: PlatformOptions, metrics: Metrics, authSettings?: AuthSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(platform),
        TerminusModule.forRoot({ logger: false }),
        AccessModule.forRoot(authSettings),
        AuditModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        AuthController,
        MeController,
        UsersController,
        SitesController,
        TeamsController,
        SettingsController,
        BreakGlassReviewController,
        AuditController,
        JobsController,
        PeopleController,
        RemindersController,
        PersonPathwaysController,
        PathwaysController,
        DeadlinesController,
        CommissionController,
        PathwaySettingsController,
        JournalController,
        AppointmentsController,
        AgendaController,
        DocumentsController,
        PartnersController,
        ReferralsController,
        OutreachController,
      ],
      providers: [
        { provide: Metrics, useValue: metrics },
        { provide: APP_FILTER, useClass: ErrorFilter },
        // In this order: who are you (session), then may you (permission).
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_GUARD, useClass: PermissionGuard },
        // Outer to inner: the transaction, then the audit entry written inside it.
        { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        AuditSealerLoop,
        RemindersArmLoop,
        PeopleService,
        RemindersService,
        SettingsService,
        PathwaysService,
        CaseworkService,
        TransactionRunner,
        // Encrypted document files live outside the database, in one folder (STORAGE_DIR).
        {
          provide: DOCUMENT_STORAGE,
          useFactory: (config: AppConfig) => new FolderStorage(config.storageDir),
          inject: [AppConfig],
        },
        DocumentsService,
        PartnersService,
        OutreachService,
      ],
    };
  }
}
