import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AuthSettings } from '@app/auth';
import type { OpenAPIObject } from '@nestjs/swagger';
import {
  FixedClock,
  generateKeyFileJson,
  Keys,
  loadConfig,
  loggerOptions,
  type AppConfig,
  type KeyFileJson,
} from '@app/platform';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../../apps/api/src/app.factory';

export interface TestApp {
  app: NestFastifyApplication;
  openApi: OpenAPIObject;
  db: TestDatabase;
  clock: FixedClock;
  config: AppConfig;
  keys: Keys;
  /** The key file's content, for tests that run the CLI against this app's database. */
  keysJson: KeyFileJson;
  /** The folder of encrypted document files (a temporary one of its own unless STORAGE_DIR is given). */
  storageDir: string;
  /** Every line the server logged, for tests that prove nothing personal reaches a log. */
  logLines: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  authSettings?: AuthSettings;
  webRoot?: string;
  now?: Date;
}

/** The assembled API (same pipes, filters, hooks) on a fresh database of its own. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const ownStorage = options.env?.STORAGE_DIR ? null : mkdtempSync(join(tmpdir(), 'envol-documents-'));
  const config = loadConfig({
    ...(ownStorage ? { STORAGE_DIR: ownStorage } : {}),
    NODE_ENV: 'test',
    DATABASE_URL: db.appUrl,
    DATABASE_OWNER_URL: db.ownerUrl,
    DATABASE_SYSTEM_URL: db.systemUrl,
    LOG_LEVEL: 'info',
    DATABASE_POOL_SIZE: '5',
    ...options.env,
  });
  const keysJson = generateKeyFileJson('test-kek');
  const keys = Keys.fromJson(keysJson);
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino(loggerOptions(config), sink);
  const clock = new FixedClock(options.now ?? new Date());
  const { app, openApi } = await createApp({
    config,
    keys,
    logger,
    clock,
    webRoot: options.webRoot,
    authSettings: options.authSettings,
  });
  return {
    app,
    openApi,
    db,
    clock,
    config,
    keys,
    keysJson,
    storageDir: config.storageDir,
    logLines,
    close: async () => {
      await app.close();
      await db.drop();
      if (ownStorage) rmSync(ownStorage, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  baseUrl: string;
  testApp: TestApp;
  close(): Promise<void>;
}

/** A listening server with the built web UI (dist/web), for browser tests. */
export async function startTestServer(options: TestAppOptions = {}): Promise<TestServer> {
  const testApp = await createTestApp({ webRoot: resolve(__dirname, '../../dist/web'), ...options });
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const address = testApp.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, testApp, close: () => testApp.close() };
}
