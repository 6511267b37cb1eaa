import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from './config/config';
import { createDataSource } from './database/data-source';
import { assertRuntimeRole } from './database/runtime-role';
import { Keys } from './keys/key-file';
import { FieldCipher } from './crypto/field-cipher';
import { Mailer } from './mail/mailer';
import { OutboxService } from './outbox/outbox.service';
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

/**
 * The `envol_system` connection (BYPASSRLS), a small separate pool for the few components that read
 * across associations (outbox relay and sweep, reminder selection, audit sealer and verifier).
 * Null when DATABASE_SYSTEM_URL is not configured.
 */
export class SystemDatabase {
  constructor(readonly dataSource: DataSource | null) {}
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly system: SystemDatabase,
    @Inject('OWNS_DATA_SOURCE') private readonly owns: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.system.dataSource?.isInitialized) await this.system.dataSource.destroy();
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
        {
          provide: SystemDatabase,
          useFactory: async () => {
            const url = options.config.DATABASE_SYSTEM_URL;
            if (!url) return new SystemDatabase(null);
            const system = createDataSource({ url, entities: [], poolSize: 2, applicationName: 'envol-system' });
            return new SystemDatabase(await system.initialize());
          },
        },
        DataSourceCloser,
        OutboxService,
        { provide: FieldCipher, useFactory: () => new FieldCipher(options.keys) },
        DatabaseProbe,
        RedisProbe,
      ],
      exports: [
        AppConfig,
        Keys,
        Clock,
        LOGGER,
        Mailer,
        DataSource,
        SystemDatabase,
        DatabaseProbe,
        RedisProbe,
        OutboxService,
        FieldCipher,
      ],
    };
  }
}
