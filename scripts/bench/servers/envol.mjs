// Envol's API as production assembles it (`createApp`), for the read benchmarks. Configured by the
// environment like `apps/api` (DATABASE_URL, DATABASE_SYSTEM_URL, ENVOL_KEYS_FILE, PORT, …), with
// one benchmark-only switch: BENCH_AUDIT=off replaces `AuditService.record` by a no-op in this
// process, to measure what auditing a read costs. Production has no such switch.
import 'reflect-metadata';
import { loadDist } from '../harness.mjs';

const platform = await loadDist('dist/libs/platform/src/index.js');
const { createApp } = await loadDist('dist/apps/api/src/app.factory.js');
const { AuditService } = await loadDist('dist/libs/audit/src/index.js');

const config = platform.loadConfig();
const keys = platform.loadKeyFile(config.ENVOL_KEYS_FILE);
const logger = platform.createLogger(config);
const { app } = await createApp({ config, keys, logger });
if (process.env.BENCH_AUDIT === 'off') {
  const audit = app.get(AuditService);
  audit.record = async () => undefined;
}
await app.listen({ port: config.PORT, host: '127.0.0.1' });
process.stdout.write(`envol ready on ${config.PORT} (audit ${process.env.BENCH_AUDIT === 'off' ? 'off' : 'on'})\n`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
