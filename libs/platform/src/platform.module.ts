import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from './config/config';
import { createDataSource } from './database/data-source';
import { assertRuntimeRole } from './database/runtime-role';
import { Keys } from './keys/key-file';
import { Mailer } from './mail/mailer';
import type { Logger } from './logging/logger';
import { Clock, SystemClock } from './time/clock';
import { DatabaseProbe, RedisProbe } from './health/probes';

export const LOGGER = Symbol('LOGGER');

export interface PlatformOptions {
  config: AppConfig;
  keys: Keys;
  logger: Logger;
  entities: NonNullable<DataSourceOptions['entities']>;
  clock?: Clock;
  /** A data source the caller already opened (tests share one per file). */
  dataSource?: DataSource;
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject('OWNS_DATA_SOURCE') private readonly owns: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.owns && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Configuration, keys, clock, logger and the runtime data source, for every app. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: AppConfig, useValue: options.config },
        { provide: Keys, useValue: options.keys },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: LOGGER, useValue: options.logger },
        { provide: Mailer, useValue: new Mailer(options.config) },
        { provide: 'OWNS_DATA_SOURCE', useValue: !options.dataSource },
        {
          provide: DataSource,
          useFactory: async () => {
            if (options.dataSource) return options.dataSource;
            const url = options.config.DATABASE_URL;
            if (!url) throw new Error('DATABASE_URL is not set');
            const dataSource = createDataSource({
              url,
              entities: options.entities,
              poolSize: options.config.DATABASE_POOL_SIZE,
              applicationName: 'envol-app',
            });
            await dataSource.initialize();
            await assertRuntimeRole(dataSource);
            return dataSource;
          },
        },
        DataSourceCloser,
        DatabaseProbe,
        RedisProbe,
      ],
      exports: [AppConfig, Keys, Clock, LOGGER, Mailer, DataSource, DatabaseProbe, RedisProbe],
    };
  }
}
