import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { PlatformModule, type PlatformOptions } from '@app/platform';
import { HealthController } from './health/health.controller';
import { Metrics, MetricsController } from './health/metrics';
import { ErrorFilter } from './http/error.filter';
import { TransactionInterceptor } from './http/transaction.interceptor';

@Module({})
export class AppModule {
  static forRoot(platform: PlatformOptions, metrics: Metrics): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(platform), TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: Metrics, useValue: metrics },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: TransactionInterceptor },
      ],
    };
  }
}
