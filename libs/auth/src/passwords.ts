import * as argon2 from 'argon2';
import type { AuthSettings } from './auth.settings';

type HashParams = Pick<AuthSettings, 'argon2MemoryKiB' | 'argon2TimeCost' | 'argon2Parallelism'>;

const options = (s: HashParams) => ({
  type: argon2.argon2id as 2,
  memoryCost: s.argon2MemoryKiB,
  timeCost: s.argon2TimeCost,
  parallelism: s.argon2Parallelism,
});

export function hashPassword(password: string, settings: HashParams): Promise<string> {
  return argon2.hash(password, options(settings));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash used weaker parameters than today's settings: rehash at login. */
export function needsRehash(hash: string, settings: HashParams): boolean {
  return argon2.needsRehash(hash, {
    memoryCost: settings.argon2MemoryKiB,
    timeCost: settings.argon2TimeCost,
    parallelism: settings.argon2Parallelism,
  });
}
