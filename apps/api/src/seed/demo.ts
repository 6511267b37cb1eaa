import { AccountsService, AuthSettings } from '@app/auth';
import { inTransaction } from '@app/platform';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * The demo accounts of DESIGN.md "Demo data", on the reserved `.test` domain. Roles arrive with
 * the access lib; until then they are plain accounts.
 */
export const DEMO_ACCOUNTS = [
  { email: 'worker1@demo.envol.test', displayName: 'Camille Démo (intervenante)' },
  { email: 'worker2@demo.envol.test', displayName: 'Sacha Démo (intervenant)' },
  { email: 'volunteer@demo.envol.test', displayName: 'Alex Démo (bénévole)' },
  { email: 'coordinator@demo.envol.test', displayName: 'Dominique Démo (coordination)' },
  { email: 'admin@demo.envol.test', displayName: 'Claude Démo (administration)' },
  { email: 'dpo@demo.envol.test', displayName: 'Morgan Démo (DPO)' },
  { email: 'funder@demo.envol.test', displayName: 'Fondation Démo' },
  { email: 'coordinator@exemple.envol.test', displayName: 'Noa Exemple (coordination)' },
] as const;

/** DEMO_PASSWORD when set; else one generated at the first start and kept (0600) in the Envol home. */
export function demoPassword(home: string, configured: string | undefined): string {
  if (configured) return configured;
  const path = join(home, 'demo-password');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const generated = `demo-${randomBytes(9).toString('base64url')}`;
  writeFileSync(path, `${generated}\n`, { mode: 0o600 });
  return generated;
}

/** Idempotent: creates what is missing, leaves what exists (a changed password stays changed). */
export async function seedDemo(ownerDataSource: DataSource, password: string, now: Date): Promise<number> {
  const accounts = new AccountsService(new AuthSettings());
  let created = 0;
  await inTransaction(ownerDataSource, { requestId: 'seed-demo', now }, async (ctx) => {
    for (const demo of DEMO_ACCOUNTS) {
      if (await accounts.findByEmail(ctx, demo.email)) continue;
      const account = await accounts.create(ctx, {
        email: demo.email,
        displayName: demo.displayName,
        associationId: null,
      });
      await accounts.setPasswordForSeed(ctx, account.id, password);
      created += 1;
    }
  });
  return created;
}
