// `npm run bench`: runs the benchmark scenarios of scripts/bench/scenarios/ against a database and a
// Redis of its own, prints one table (Envol's figure, the baseline measured in the same run, their
// ratio) and writes it to .bench/. Benchmarks are scripts, never timed tests in the suite
// (docs/performance.md).
//
//   npm run bench                          every scenario
//   npm run bench -- --only jobs-10k       one scenario
//   npm run bench -- --growth              the growth runs of the scenarios that declare one
import 'reflect-metadata';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  Processes,
  provideDatabase,
  provideRedis,
  redisVersion,
  root,
  sleep,
  waitUntil,
  loadDist,
} from './harness.mjs';

// A scenario's own work (servers, load, checks) is bounded; seeding the synthetic data it asks for
// is not counted (`context.untimed`), since its time grows with the data size asked for.
const SCENARIO_TIMEOUT_MS = 10 * 60_000;
const SCENARIOS_DIR = path.join(import.meta.dirname, 'scenarios');
const RESULTS_DIR = path.join(root, '.bench');
// After Ctrl+C nothing is worth a clean stop: the database is dropped next.
const INTERRUPTED_GRACE_MS = 2_000;

const log = (line = '') => process.stdout.write(`${line}\n`);

function usage() {
  return [
    'Usage: node scripts/bench/run.mjs [--only <scenario>] [--growth]',
    '  --only <name>  run that scenario only',
    '  --growth       run the growth variant of the scenarios that declare one',
  ].join('\n');
}

function parseArgs(args) {
  const options = { only: undefined, growth: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--only') {
      options.only = args[++i];
      if (!options.only || options.only.startsWith('--')) throw new Error(`--only needs a scenario name\n${usage()}`);
    } else if (arg.startsWith('--only=')) options.only = arg.slice('--only='.length);
    else if (arg === '--growth') options.growth = true;
    else if (arg === '--help' || arg === '-h') {
      log(usage());
      process.exit(0);
    } else throw new Error(`Unknown option "${arg}"\n${usage()}`);
  }
  return options;
}

async function loadScenarios() {
  const files = readdirSync(SCENARIOS_DIR)
    .filter((f) => f.endsWith('.mjs'))
    .sort();
  const scenarios = [];
  for (const file of files) {
    const module = await import(pathToFileURL(path.join(SCENARIOS_DIR, file)).href);
    if (typeof module.name !== 'string' || typeof module.run !== 'function') {
      throw new Error(`scripts/bench/scenarios/${file} must export a name (string) and run(context)`);
    }
    scenarios.push({ name: module.name, title: module.title ?? module.name, growth: module.growth === true, module });
  }
  return scenarios;
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    // Other work on the machine skews absolute figures (less so the ratios): kept with the results.
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const processes = new Processes();
const globalCleanups = [];
let scenarioCleanup;
let cleaning;
const interrupt = new AbortController();
const graceMs = () => (interrupt.signal.aborted ? INTERRUPTED_GRACE_MS : undefined);

/** Everything started is stopped and the database dropped, once, whoever asks first. */
function cleanup() {
  cleaning ??= (async () => {
    await scenarioCleanup?.();
    await processes.stopAll(graceMs());
    for (const step of globalCleanups.reverse()) {
      await step().catch((error) => log(`cleanup: ${error.message}`));
    }
  })();
  return cleaning;
}

function onSignal(signal) {
  if (interrupt.signal.aborted) {
    // Second Ctrl+C: no more waiting for clean stops.
    for (const proc of processes.children) proc.kill();
    process.exit(130);
  }
  log(`\n${signal}: stopping the benchmark, removing its processes and database…`);
  interrupt.abort();
  cleanup().finally(() => process.exit(130));
}

process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

/** One scenario, bounded in time; its cleanups run whatever happened. */
async function runScenario(scenario, shared, options) {
  const controller = new AbortController();
  const stopOnInterrupt = () => controller.abort();
  interrupt.signal.addEventListener('abort', stopOnInterrupt);
  const deferred = [];
  const ownProcesses = new Set();
  let cleaned;
  scenarioCleanup = () => {
    cleaned ??= (async () => {
      for (const step of deferred.reverse()) {
        await step().catch((error) => log(`  [${scenario.name}] cleanup: ${error.message}`));
      }
      await Promise.all([...ownProcesses].map((proc) => proc.stop(graceMs())));
    })();
    return cleaned;
  };
  let deadline = Date.now() + SCENARIO_TIMEOUT_MS;
  let timer;
  let rejectTimeout;
  const arm = (ms) => {
    timer = setTimeout(() => {
      controller.abort();
      rejectTimeout(new Error(`did not finish within ${SCENARIO_TIMEOUT_MS / 60_000} minutes (seeding not counted)`));
    }, ms);
  };
  let untimedDepth = 0;
  let pausedAt;
  const context = {
    ...shared,
    growth: options.growth,
    signal: controller.signal,
    get deadline() {
      return deadline;
    },
    log: (line) => log(`  [${scenario.name}] ${line}`),
    load: loadDist,
    sleep,
    /** Registers a clean-up step; they run last-in first-out when the scenario ends, even on failure. */
    defer: (step) => deferred.push(async () => step()),
    /** Registers a clean-up step for the end of the whole run (before the database is dropped). */
    deferRun: (step) => globalCleanups.push(async () => step()),
    /** Starts `node <entry>` (relative to the repository root); stopped when the scenario ends. */
    node: (entry, env) => {
      const proc = processes.node(entry, env);
      ownProcesses.add(proc);
      return proc;
    },
    waitUntil: (what, read, check, opts = {}) =>
      waitUntil(what, read, check, { deadline, signal: controller.signal, ...opts }),
    /** Runs `work` (seeding) with the scenario's clock stopped; Ctrl+C still stops it. */
    untimed: async (work) => {
      if (untimedDepth++ === 0) {
        clearTimeout(timer);
        pausedAt = Date.now();
      }
      try {
        return await work();
      } finally {
        if (--untimedDepth === 0) {
          const paused = Date.now() - pausedAt;
          deadline += paused;
          arm(Math.max(0, deadline - Date.now()));
        }
      }
    },
  };
  const started = Date.now();
  const timeout = new Promise((_, reject) => {
    rejectTimeout = reject;
  });
  arm(SCENARIO_TIMEOUT_MS);
  const work = scenario.module.run(context);
  // If the time runs out, whatever the scenario still awaits fails once its resources are closed.
  work.catch(() => undefined);
  try {
    const result = await Promise.race([work, timeout]);
    const rows = result?.rows ?? [];
    const ok = rows.every((row) => row.ok !== false);
    return {
      name: scenario.name,
      title: scenario.title,
      status: ok ? 'ok' : 'failed',
      seconds: (Date.now() - started) / 1000,
      rows,
      details: result?.details,
    };
  } catch (error) {
    log(`  [${scenario.name}] FAILED: ${error.message}`);
    return {
      name: scenario.name,
      title: scenario.title,
      status: 'failed',
      error: error.message,
      seconds: (Date.now() - started) / 1000,
      rows: [],
    };
  } finally {
    clearTimeout(timer);
    await scenarioCleanup();
    scenarioCleanup = undefined;
    interrupt.signal.removeEventListener('abort', stopOnInterrupt);
  }
}

const formatRatio = (ratio) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—');

function tableRows(results) {
  const rows = [];
  for (const result of results) {
    if (result.error) {
      rows.push([result.name, '—', '—', '—', `FAILED: ${result.error.split('\n')[0]}`]);
      continue;
    }
    for (const row of result.rows) {
      rows.push([row.scenario, row.envol.text, row.baseline.text, formatRatio(row.ratio), row.notes ?? '']);
    }
  }
  return rows;
}

/** A Markdown table, padded so it reads as well in a terminal as pasted in docs/performance.md. */
function formatTable(rows) {
  const header = ['scenario', 'Envol', 'baseline', 'Envol / baseline', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const all = await loadScenarios();
  let selected = all;
  if (options.only) {
    selected = all.filter((s) => s.name === options.only);
    if (selected.length === 0) {
      throw new Error(`No scenario "${options.only}"; there are: ${all.map((s) => s.name).join(', ')}`);
    }
  }
  if (options.growth) {
    selected = selected.filter((s) => s.growth);
    if (selected.length === 0) {
      log('no growth scenarios yet');
      return 0;
    }
  }

  const startedAt = new Date();
  const host = machine();
  log(`Envol benchmark — ${startedAt.toISOString()}`);
  log(
    `Machine: ${host.cores} cores (${host.cpu}), ${host.memoryGiB} GiB, ${host.os}, Node ${host.node}, load ${host.loadAverage.join(' ')}`,
  );
  const redis = await provideRedis(processes, log, interrupt.signal);
  const database = await provideDatabase(log, (drop) => globalCleanups.push(drop), interrupt.signal);
  const shared = {
    root,
    database: {
      name: database.name,
      ownerUrl: database.ownerUrl,
      appUrl: database.appUrl,
      systemUrl: database.systemUrl,
    },
    redisUrl: redis.url,
  };

  const results = [];
  for (const scenario of selected) {
    if (interrupt.signal.aborted) break;
    log(`\n── ${scenario.name}: ${scenario.title}`);
    const result = await runScenario(scenario, shared, options);
    log(`── ${scenario.name}: ${result.status} (${result.seconds.toFixed(1)} s)`);
    results.push(result);
  }
  if (interrupt.signal.aborted) return 130;

  const table = formatTable(tableRows(results));
  log(`\n${table}\n`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: { only: options.only ?? null, growth: options.growth },
    machine: { ...host, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    postgres: database.postgres,
    redis: { version: await redisVersion(redis.url), private: redis.private },
    table,
    scenarios: results,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = path.join(RESULTS_DIR, `results-${stamp}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), json);
  log(`Results: ${path.relative(root, file)} (and .bench/latest.json)`);
  return results.every((r) => r.status === 'ok') ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  log(`Benchmark failed: ${error.message}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
