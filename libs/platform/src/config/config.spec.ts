import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.trustedProxies).toEqual([]);
    expect(config.REMINDER_DIGEST_HOUR).toBe(7);
  });

  it('parses numbers and lists', () => {
    const config = loadConfig({ PORT: '8080', TRUST_PROXY: '10.0.0.1, 10.0.0.2' });
    expect(config.PORT).toBe(8080);
    expect(config.trustedProxies).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ REMINDER_DIGEST_HOUR: '24' }, 'REMINDER_DIGEST_HOUR'],
    [{ REMINDER_DIGEST_HOUR: 'seven' }, 'REMINDER_DIGEST_HOUR'],
  ])('refuses %j in one line naming the variable', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('never echoes a secret value in its error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'secret-password-value' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'secret-password-value' })).not.toThrow(/secret-password-value/);
  });

  it('requires database URLs and the key file in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL, ENVOL_KEYS_FILE required in production/,
    );
  });
});
