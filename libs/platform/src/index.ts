export { AppConfig, ConfigError, loadConfig } from './config/config';
export { BaseRecord, VersionedRecord } from './database/base.entity';
export { createDataSource, dataSourceOptions, type DataSourceInput } from './database/data-source';
export {
  inTransaction,
  OpenTransaction,
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
export { LOGGER, PlatformModule, SystemDatabase, type PlatformOptions } from './platform.module';
export { prepareRuntime, type Runtime } from './runtime';
export { BUSINESS_TIME_ZONE, Clock, FixedClock, SystemClock } from './time/clock';
export { JOB_NAMES, QUEUE_NAME, QUEUE_PREFIX, RESYNC_START, type JobName, type JobPayloads } from './queue/queues';
export { DecryptionError, keyedHash, openWithKek, sealWithKek } from './crypto/secret-box';
export { Mailer, type Mail } from './mail/mailer';
export { updateVersioned } from './database/versioned';
export { assertRuntimeRole } from './database/runtime-role';
export {
  outboxJobId,
  SCHEDULE_NAMES,
  SCHEDULE_QUEUE_NAME,
  type JobPayload,
  type JobPayloadValue,
  type OutboxJobData,
  type ScheduleName,
} from './queue/queues';
export { BullJobPublisher, createProducerConnection } from './queue/bullmq-publisher';
export { configReply, redisDurabilityWarnings } from './queue/redis-durability';
export { missingSchedules, schedules, upsertSchedules, type Schedule } from './queue/schedules';
export { startInProcessJobs, type InProcessJobs, type InProcessJobsInput } from './outbox/in-process-jobs';
export { InProcessJobRunner, type InProcessRunnerOptions } from './outbox/in-process-runner';
export { missingHandlers, SYSTEM_HANDLERS, type JobHandler, type JobHandlerMap } from './outbox/job-handlers';
export { OutboxExecutor, type ExecutionOutcome } from './outbox/outbox-executor';
export { OutboxJob } from './outbox/outbox-job.entity';
export { OutboxMonitor, type OutboxStats } from './outbox/outbox-monitor';
export { OutboxRelay, type JobPublisher, type PublishedJob, type RelayOptions } from './outbox/outbox-relay';
export { outboxSettings, type OutboxSettings } from './outbox/outbox-settings';
export { enqueue, OutboxService, type EnqueueOptions, type FailedJob } from './outbox/outbox.service';
export {
  afterFailure,
  assertIdsOnly,
  backoffDelayMs,
  errorCode,
  isUuid,
  OutboxError,
  OutboxErrorCode,
  OutboxPayloadError,
  OutboxState,
  type RetrySettings,
} from './outbox/outbox.rules';
export { DataKey, DataKeyState } from './crypto/data-key.entity';
export { blindTokens, blindValue, normalisePhone, normaliseTokens } from './crypto/blind-index';
export { CryptoError, CryptoErrorCode } from './crypto/crypto.errors';
export { FieldCipher, type EncryptedField } from './crypto/field-cipher';
export { FIELD_OVERHEAD, fieldVersion, type FieldPlace } from './crypto/field-envelope';
export {
  rewrapDataKeys,
  rotateDataKey,
  type DataKeyRotation,
  type EncryptedColumn,
  type KekRewrap,
  type RotateDataKeyOptions,
  type RotationProgress,
} from './crypto/key-rotation';
