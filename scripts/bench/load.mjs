// What the HTTP scenarios (notes, reads) share: one load run of autocannon at 64 connections, a
// warm-up then BENCH_DURATION_S seconds measured, and how its figures are printed.
import autocannon from 'autocannon';

export const CONNECTIONS = 64;
export const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
export const WARMUP_S = 3;

export const ms = (v) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
export const perSecond = (v) => `${Math.round(v).toLocaleString('en-GB')} req/s`;

/**
 * One load run against `http://127.0.0.1:<port>`: CONNECTIONS connections sending `request` (an
 * autocannon request; its `setupRequest` picks each path), WARMUP_S seconds unmeasured, then
 * DURATION_S seconds measured. Logs and answers `{ rps, p50, p99, total, failures }`.
 */
export async function loadRun(context, port, headers, request, label) {
  const options = { url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, headers, requests: [request] };
  await autocannon({ ...options, duration: WARMUP_S });
  if (context.signal.aborted) throw new Error('Interrupted');
  const result = await autocannon({ ...options, duration: DURATION_S });
  const failures = result.non2xx + result.errors + result.timeouts;
  context.log(
    `${label}: ${perSecond(result.requests.average)}, p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, ${result.requests.total} requests, ${failures} failed`,
  );
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures,
  };
}

/** A measure as a row's `envol` or `baseline` cell. */
export const figure = (m) => ({
  value: m.rps,
  unit: 'req/s',
  p50: m.p50,
  p99: m.p99,
  text: `${perSecond(m.rps)} · p50 ${ms(m.p50)} · p99 ${ms(m.p99)}`,
});
