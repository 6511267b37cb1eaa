import { HealthUnavailableError, parseHealth } from './health';

describe('parseHealth', () => {
  it('reads every indicator of details, in order', () => {
    const report = parseHealth({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' }, redis: { status: 'up' } },
    });
    expect(report).toEqual({
      status: 'ok',
      checks: [
        { name: 'database', state: 'up' },
        { name: 'redis', state: 'up' },
      ],
    });
  });

  it('reports a failing check as down and the whole as error', () => {
    const report = parseHealth({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { redis: { status: 'down', message: 'connect ECONNREFUSED' } },
      details: { database: { status: 'up' }, redis: { status: 'down', message: 'connect ECONNREFUSED' } },
    });
    expect(report.status).toBe('error');
    expect(report.checks).toEqual([
      { name: 'database', state: 'up' },
      { name: 'redis', state: 'down' },
    ]);
  });

  it('treats a shutting-down server as an error', () => {
    expect(parseHealth({ status: 'shutting_down', details: {} }).status).toBe('error');
  });

  it('falls back on info and error when details is absent', () => {
    const report = parseHealth({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { redis: { status: 'down' } },
    });
    expect(report.checks).toEqual([
      { name: 'database', state: 'up' },
      { name: 'redis', state: 'down' },
    ]);
  });

  it.each([[{ status: 'ok', details: { database: {} } }], [{ status: 'ok', details: { database: { status: 'UP' } } }]])(
    'shows anything but an explicit "up" as down: %j',
    (body) => {
      expect(parseHealth(body).checks).toEqual([{ name: 'database', state: 'down' }]);
    },
  );

  it.each([[null], ['ok'], [[]], [{}], [{ status: 'fine' }]])('rejects %j', (body) => {
    expect(() => parseHealth(body)).toThrow(HealthUnavailableError);
  });
});
