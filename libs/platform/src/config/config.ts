import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ENVIRONMENTS = ['production', 'development', 'test'] as const;
const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;
const REDIS_URL = /^rediss?:\/\/.+/;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }): unknown => (value === '' ? undefined : value);

/**
 * Every setting Envol reads from its environment, validated once at start-up.
 * Only this lib reads `process.env`; everything else receives an `AppConfig`.
 */
export class AppConfig {
  @IsIn(ENVIRONMENTS)
  NODE_ENV: (typeof ENVIRONMENTS)[number] = 'development';

  /** Runtime connection, as the `envol_app` role. Unset: an embedded PostgreSQL is started. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(POSTGRES_URL, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Owner connection (`envol_owner`): migrations, provisioning CLI, seeds. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(POSTGRES_URL, { message: 'must be a postgres:// URL' })
  DATABASE_OWNER_URL?: string;

  /** `envol_system` (BYPASSRLS): only the outbox relay, the sweep, reminder selection and the audit sealer. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(POSTGRES_URL, { message: 'must be a postgres:// URL' })
  DATABASE_SYSTEM_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(REDIS_URL, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  ENVOL_KEYS_FILE?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** Comma-separated proxy addresses whose X-Forwarded-For is believed; empty trusts none. */
  @IsString()
  TRUST_PROXY = '';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DEMO_PASSWORD?: string;

  /** smtp(s)://user:pass@host:port — when set, reset links and digests are sent by email. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Envol <no-reply@envol.invalid>';

  /** How often the audit sealer runs (0: not in this process). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  AUDIT_SEAL_INTERVAL_MS = 5_000;

  /** How often due reminders are armed for delivery (one job each); 0: not in this process. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  REMINDER_ARM_INTERVAL_MS = 60_000;

  /**
   * With SMTP_URL: from this hour of the Paris day on, the arm pass also enqueues each user's daily
   * reminder digest (counts and a link, once a day).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  REMINDER_DIGEST_HOUR = 7;

  /** Folder of the embedded PostgreSQL and generated key file (git-ignored). */
  @IsString()
  ENVOL_HOME = '.envol';

  /** How often due outbox rows are handed to BullMQ (or run in-process without Redis). DESIGN.md: 2 s. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(600_000)
  OUTBOX_RELAY_INTERVAL_MS = 2_000;

  /** How often the sweep re-enqueues due rows whose job Redis may have lost. DESIGN.md: 60 s. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  OUTBOX_SWEEP_INTERVAL_MS = 60_000;

  /**
   * A queued row untouched for this long is re-enqueued by the sweep. Re-enqueuing a job Redis still
   * holds is a no-op (same job id), so this only bounds how long a lost job waits: one sweep interval.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  OUTBOX_SWEEP_STALE_MS = 60_000;

  /** A job failing this many times is parked as failed until an admin retries it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JOB_MAX_ATTEMPTS = 5;

  /** First retry delay; it doubles at each failure (1, 2, 4, 8 min: a 15-minute outage is ridden out). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  JOB_BACKOFF_BASE_MS = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(604_800_000)
  JOB_BACKOFF_MAX_MS = 3_600_000;

  /** Jobs one worker process runs at once (the in-process runner uses at most half the pool). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JOB_CONCURRENCY = 10;

  /**
   * BullMQ lock of an active job: a worker killed mid-job has its jobs taken back after this long.
   * 30 s is BullMQ's default; the fault suite lowers it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  JOB_LOCK_MS = 30_000;

  /** Largest uploaded document, in bytes (DESIGN.md "Defaults": 20 MB). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

  /** Folder of the encrypted document files; unset: `documents/` under ENVOL_HOME. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  STORAGE_DIR?: string;

  get storageDir(): string {
    return this.STORAGE_DIR ?? `${this.ENVOL_HOME}/documents`;
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** Where links in messages point: PUBLIC_URL, else this machine. */
  get baseUrl(): string {
    return this.PUBLIC_URL ?? `http://localhost:${this.PORT}`;
  }

  get trustedProxies(): string[] {
    return this.TRUST_PROXY.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

export class ConfigError extends Error {}

/** Validates the environment; the error message is one line naming each bad variable (never its value). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined) raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const parts = errors.map((e) => `${e.property} ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new ConfigError(`Invalid configuration: ${parts.join('; ')}`);
  }
  if (config.isProduction) {
    // The owner URL is needed by migrations and the CLI only; they check it themselves.
    const missing = ['DATABASE_URL', 'ENVOL_KEYS_FILE'].filter((k) => !config[k as keyof AppConfig]);
    if (missing.length > 0)
      throw new ConfigError(`Invalid configuration: ${missing.join(', ')} required in production`);
  }
  return config;
}
