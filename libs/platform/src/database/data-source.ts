import { DataSource, type DataSourceOptions } from 'typeorm';

export interface DataSourceInput {
  url: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations?: DataSourceOptions['migrations'];
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one way Envol builds a TypeORM data source: the API, the worker, the CLI (migrations) and
 * the tests all come through here, so `synchronize` can never be switched on by accident.
 */
export function dataSourceOptions(input: DataSourceInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: input.entities,
    migrations: input.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install as the owner.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    applicationName: input.applicationName ?? 'envol',
    extra: {
      max: input.poolSize ?? 10,
      // A request never waits forever for a connection: it fails and is answered 503.
      connectionTimeoutMillis: 10_000,
    },
  };
}

export function createDataSource(input: DataSourceInput): DataSource {
  return new DataSource(dataSourceOptions(input));
}
