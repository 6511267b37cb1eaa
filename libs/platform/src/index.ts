export { AppConfig, ConfigError, loadConfig } from './config/config';
export { BaseRecord, VersionedRecord } from './database/base.entity';
export { createDataSource, dataSourceOptions, type DataSourceInput } from './database/data-source';
export {
  inTransaction,
  RequestContext,
  setTenant,
  type Actor,
  type RequestContextInit,
} from './database/request-context';
export { DB_ROLES, ensureDatabase, ensureRoles, urlFor, type RolePasswords } from './database/roles';
export { EmbeddedDatabaseError, startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/embedded-database';
export { AppError, notFound, PlatformErrorCode, versionConflict, type ErrorDetail } from './errors/app-error';
export { assertDatabaseAnswers, DatabaseProbe, RedisProbe } from './health/probes';
export { ensureKeyFile, generateKeyFileJson, KeyFileError, Keys, loadKeyFile, type KeyFileJson } from './keys/key-file';
export { createLogger, loggerOptions, REDACTED_PATHS, type Logger } from './logging/logger';
export { PinoNestLogger } from './logging/nest-logger';
export { LOGGER, PlatformModule, type PlatformOptions } from './platform.module';
export { prepareRuntime, type Runtime } from './runtime';
export { BUSINESS_TIME_ZONE, Clock, FixedClock, SystemClock } from './time/clock';
export { JOB_NAMES, QUEUE_NAME, QUEUE_PREFIX, type JobName, type JobPayloads } from './queue/queues';
export { DecryptionError, keyedHash, openWithKek, sealWithKek } from './crypto/secret-box';
export { Mailer, type Mail } from './mail/mailer';
