// GET /api/health, as answered by @nestjs/terminus. Kept free of React so it can be unit-tested.

export type CheckState = 'up' | 'down';

export interface HealthCheck {
  /** The indicator's key in terminus' `details`, e.g. `database`. */
  readonly name: string;
  readonly state: CheckState;
}

export interface HealthReport {
  readonly status: 'ok' | 'error';
  readonly checks: readonly HealthCheck[];
}

export class HealthUnavailableError extends Error {
  override readonly name = 'HealthUnavailableError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checksOf(indicators: Record<string, unknown>): HealthCheck[] {
  return Object.entries(indicators).map(([name, result]) => ({
    name,
    // Anything but an explicit "up" is shown as down: a check must prove it is healthy.
    state: isRecord(result) && result['status'] === 'up' ? 'up' : 'down',
  }));
}

export function parseHealth(body: unknown): HealthReport {
  if (
    !isRecord(body) ||
    (body['status'] !== 'ok' && body['status'] !== 'error' && body['status'] !== 'shutting_down')
  ) {
    throw new HealthUnavailableError('Unexpected health response');
  }
  const details = isRecord(body['details'])
    ? body['details']
    : { ...(isRecord(body['info']) ? body['info'] : {}), ...(isRecord(body['error']) ? body['error'] : {}) };
  return { status: body['status'] === 'ok' ? 'ok' : 'error', checks: checksOf(details) };
}

export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  const response = await fetch('/api/health', { headers: { Accept: 'application/json' }, signal });
  // Terminus answers 503 with the same body when a check fails: that is a report, not a failure.
  if (!response.ok && response.status !== 503) {
    throw new HealthUnavailableError(`Health check answered HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new HealthUnavailableError('Health response is not JSON');
  }
  return parseHealth(body);
}
