// `npm test`: static checks, then every jest suite, against real PostgreSQL and Redis.
// It finds or starts the services (DESIGN.md "Running it"), builds once, runs each step even when
// an earlier one failed, and ends with one line: `N passed, N failed[, N skipped]`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const cleanups = [];

const log = (line) => process.stdout.write(`${line}\n`);
const want = (name) => (only.length === 0 && name !== 'fuzz') || only.includes(name);

function canConnect(host, port, ms = 1500) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

async function ensurePostgres() {
  if (process.env.TEST_DATABASE_URL) return;
  if (await canConnect('127.0.0.1', 5432)) {
    process.env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
    return;
  }
  log('PostgreSQL does not answer on 127.0.0.1:5432: starting an embedded one for this run.');
  const { startEmbeddedDatabase } = (
    await import(path.join(root, 'dist/libs/platform/src/embedded/embedded-database.js'))
  ).default;
  const embedded = await startEmbeddedDatabase(path.join(root, '.envol/test-pg'), log);
  process.env.TEST_DATABASE_URL = embedded.superuserUrl;
  cleanups.push(() => embedded.stop());
}

async function ensureRedis() {
  if (process.env.TEST_REDIS_URL) return;
  if (await canConnect('127.0.0.1', 6379)) {
    process.env.TEST_REDIS_URL = 'redis://127.0.0.1:6379';
    return;
  }
  const server = which('redis-server');
  if (!server) {
    log('Redis does not answer on 127.0.0.1:6379 and redis-server is not installed: apt-get install redis-server');
    process.exit(1);
  }
  const port = await freePort();
  const child = spawn(server, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  cleanups.push(() => child.kill('SIGTERM'));
  for (let i = 0; i < 50 && !(await canConnect('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  log(`Redis does not answer on 127.0.0.1:6379: started redis-server on port ${port} for this run.`);
  process.env.TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
}

function step(name, command, args) {
  if (!want(name)) return;
  const started = Date.now();
  log(`\n── ${name}: ${[path.basename(command), ...args].join(' ')}`);
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status === 0) {
    totals.passed += 1;
    log(`── ${name}: ok (${seconds} s)`);
  } else {
    totals.failed += 1;
    failures.push(name);
    log(`── ${name}: FAILED (${seconds} s)`);
  }
}

function jestStep(name, projects, extra = []) {
  if (!want(name)) return;
  const started = Date.now();
  const output = path.join(results, `${name}.json`);
  rmSync(output, { force: true });
  log(`\n── ${name}: jest --selectProjects ${projects.join(' ')}`);
  const { status } = spawnSync(
    process.execPath,
    [bin('jest'), '--selectProjects', ...projects, '--json', `--outputFile=${output}`, '--passWithNoTests', ...extra],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!existsSync(output)) {
    totals.failed += 1;
    failures.push(name);
    log(`── ${name}: FAILED, jest wrote no results (${seconds} s)`);
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  const broken = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + broken;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  const bad = report.numFailedTests + broken > 0 || status !== 0;
  if (bad) failures.push(name);
  if (status !== 0 && report.numFailedTests + broken === 0) {
    totals.failed += 1; // jest failed for another reason (set-up, open handles): count it
  }
  log(
    `── ${name}: ${report.numPassedTests} passed, ${report.numFailedTests + broken} failed, ${report.numPendingTests + report.numTodoTests} skipped (${seconds} s)`,
  );
}

const started = Date.now();
mkdirSync(results, { recursive: true });
try {
  log('── build');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  await ensurePostgres();
  await ensureRedis();

  step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
  step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
  step('types', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  step('types-web', bin('tsc'), ['--noEmit', '-p', 'apps/web/tsconfig.json']);
  step('types-web-tests', bin('tsc'), ['--noEmit', '-p', 'apps/web/tsconfig.spec.json']);
  step('deps', bin('depcruise'), [
    'apps',
    'libs',
    'migrations',
    'test',
    'scripts',
    '--config',
    '.dependency-cruiser.cjs',
  ]);
  step('drift', process.execPath, [path.join(root, 'scripts/check-drift.mjs')]);

  jestStep('unit', ['unit'], ['--maxWorkers=2']);
  jestStep('integration', ['integration', 'e2e'], ['--maxWorkers=2']);
  jestStep('faults', ['faults'], ['--runInBand']);
  jestStep('browser', ['browser'], ['--runInBand']);
  // `npm run test:fuzz`: the same fuzz run, 200 runs per operation (only when asked for by name).
  if (only.includes('fuzz')) {
    process.env.FUZZ_RUNS = '200';
    jestStep('fuzz', ['e2e'], ['--testPathPatterns', 'fuzz', '--runInBand']);
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}

log(
  `\nTest suite finished in ${((Date.now() - started) / 1000).toFixed(0)} s${failures.length ? `; failed steps: ${failures.join(', ')}` : ''}.`,
);
log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
