import { configReply, redisDurabilityWarnings } from './redis-durability';

describe('redisDurabilityWarnings', () => {
  it.each([
    [{ 'maxmemory-policy': 'noeviction', appendonly: 'yes' }, []],
    [{ 'maxmemory-policy': 'allkeys-lru', appendonly: 'yes' }, [/maxmemory-policy is "allkeys-lru"/]],
    [{ 'maxmemory-policy': 'noeviction', appendonly: 'no' }, [/AOF is off/]],
    [{ 'maxmemory-policy': 'volatile-lru', appendonly: 'no' }, [/maxmemory-policy/, /AOF is off/]],
    // A setting the server did not report (renamed command, proxy) is not guessed at.
    [{}, []],
  ])('%j → %p', (settings, expected) => {
    const warnings = redisDurabilityWarnings(settings);
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern));
  });
});

describe('configReply', () => {
  it.each([
    [['maxmemory-policy', 'noeviction'], { 'maxmemory-policy': 'noeviction' }],
    [['appendonly', 'yes', 'maxmemory-policy', 'noeviction'], { appendonly: 'yes', 'maxmemory-policy': 'noeviction' }],
    [[], {}],
    [null, {}],
    ['OK', {}],
    [['dangling'], {}],
  ])('%j → %j', (reply, expected) => {
    expect(configReply(reply)).toEqual(expected);
  });
});
