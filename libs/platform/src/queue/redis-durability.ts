/**
 * What production Redis must be (DESIGN.md "Running it"): AOF on, `maxmemory-policy noeviction`.
 * Without them, a restart or memory pressure drops queued jobs silently; the sweep recovers them,
 * but only a sweep interval later. Pure: the worker reads the settings with `CONFIG GET`.
 */
export function redisDurabilityWarnings(settings: Readonly<Record<string, string | undefined>>): string[] {
  const warnings: string[] = [];
  const policy = settings['maxmemory-policy'];
  if (policy !== undefined && policy !== 'noeviction') {
    warnings.push(`Redis maxmemory-policy is "${policy}", not "noeviction": Redis may evict queued jobs`);
  }
  const aof = settings.appendonly;
  if (aof !== undefined && aof !== 'yes') {
    warnings.push('Redis AOF is off (appendonly no): queued jobs are lost when Redis restarts');
  }
  return warnings;
}

/** `CONFIG GET` answers a flat list: [name, value, name, value, …]. */
export function configReply(reply: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!Array.isArray(reply)) return result;
  for (let i = 0; i + 1 < reply.length; i += 2) {
    const [name, value] = [reply[i] as unknown, reply[i + 1] as unknown];
    if (typeof name === 'string' && typeof value === 'string') result[name] = value;
  }
  return result;
}
