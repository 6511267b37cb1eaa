import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';

const PROBE_TIMEOUT_MS = 1_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Fails unless the database answers within a second (start-up checks). */
export async function assertDatabaseAnswers(dataSource: DataSource): Promise<void> {
  await withTimeout(dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS);
}

/** Is PostgreSQL answering the runtime role? */
@Injectable()
export class DatabaseProbe {
  constructor(private readonly dataSource: DataSource) {}

  async isUp(): Promise<boolean> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Is Redis answering? Probed with a short timeout and no offline queue, so a Redis outage never
 * makes the health check (or anything else) hang. No business request depends on Redis.
 */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  private client?: Redis;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.REDIS_URL);
  }

  async isUp(): Promise<boolean> {
    if (!this.config.REDIS_URL) return false;
    this.client ??= new Redis(this.config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: PROBE_TIMEOUT_MS,
      connectTimeout: PROBE_TIMEOUT_MS,
      retryStrategy: () => null,
    });
    try {
      if (this.client.status !== 'ready') {
        this.client.disconnect();
        await withTimeout(this.client.connect(), PROBE_TIMEOUT_MS);
      }
      return (await withTimeout(this.client.ping(), PROBE_TIMEOUT_MS)) === 'PONG';
    } catch {
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}
