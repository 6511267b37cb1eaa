import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AuthSettings } from '@app/auth';
import { loggerOptions, PinoNestLogger, type PlatformOptions } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { ENTITIES } from './database';
import { Metrics } from './health/metrics';
import { validationPipe } from './http/validation';
import { bindJobKeys, bindJobMailer } from './jobs/handlers';

export interface CreateAppOptions extends Omit<PlatformOptions, 'entities'> {
  authSettings?: AuthSettings;
  /** Folder of the built web UI; the UI is served when it exists. */
  webRoot?: string;
}

export interface EnvolApp {
  app: NestFastifyApplication;
  openApi: OpenAPIObject;
}

const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Assembles the API exactly as production runs it; e2e and browser tests use this same function,
 * so they exercise the same pipes, filters, hooks and headers.
 */
export async function createApp(options: CreateAppOptions): Promise<EnvolApp> {
  const { config } = options;
  // The in-process job runner's domain jobs encrypt with this process's keys.
  bindJobKeys(options.keys);
  bindJobMailer(config);
  const trustProxy = config.trustedProxies.length > 0 ? config.trustedProxies : false;
  const adapter = new FastifyAdapter({
    // Fastify logs through the same pino configuration (no bodies, no credentials).
    logger: { ...loggerOptions(config), level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL },
    // Only configured proxies may set the client address (a forged X-Forwarded-For would defeat
    // per-IP throttling and the audit's address hash).
    trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  });
  const metrics = new Metrics();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ ...options, entities: ENTITIES }, metrics, options.authSettings),
    adapter,
    { logger: new PinoNestLogger(options.logger), bufferLogs: false, abortOnError: false },
  );
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(cookie);
  // Uploads (documents): parsed only by the routes that ask for them (`req.parts()`), never into
  // the body; one file per request, bounded by UPLOAD_MAX_BYTES (413 beyond).
  await fastify.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 64, parts: 6, headerPairs: 50 },
  });
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The component library sets CSS variables in style elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only behind TLS: on plain-http local runs it would break every asset.
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    strictTransportSecurity: config.isProduction,
  });

  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration
      .labels(request.method, request.routeOptions?.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  const webRoot = options.webRoot;
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    const indexHtml = readFileSync(join(webRoot, 'index.html'));
    await fastify.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: false });
    // Client-side routes get the SPA; /api/* stays JSON (unknown API paths answer a JSON 404).
    fastify.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (request.method !== 'GET' || path.startsWith('/api') || path === '/metrics' || /\.[a-z0-9]+$/i.test(path))
        return;
      if (!(request.headers.accept ?? '').includes('text/html')) return;
      // no-store, not no-cache: browsers then keep no copy of the app's pages for the back button
      // (back-forward cache), so after a quick exit "back" reloads and finds the session ended.
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(indexHtml);
    });
  }

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Envol API')
      .setDescription('Case management for PSP associations. Errors: { statusCode, code, message, details[] }.')
      .setVersion('1')
      .addCookieAuth('envol_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs/openapi.json' });

  await app.init();
  await fastify.ready();
  return { app, openApi };
}
