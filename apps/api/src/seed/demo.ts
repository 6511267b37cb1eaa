import { Role } from '@app/contracts';
import type { Keys } from '@app/platform';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Provisioning } from '../provisioning';

const DEMO = 'Association Démo';
const EXEMPLE = 'Association Exemple';
const HORIZON = 'Association Horizon';
const FUNDER = 'Fondation Démo';

interface DemoAccount {
  email: string;
  displayName: string;
  association: string | null;
  roles: Role[];
  team?: string;
}

/** DESIGN.md "Demo data": accounts on the reserved `.test` domain, visibly fictitious. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'worker1@demo.envol.test',
    displayName: 'Camille Démo',
    association: DEMO,
    roles: [Role.SocialWorker],
    team: 'Équipe Belleville',
  },
  {
    email: 'worker2@demo.envol.test',
    displayName: 'Sacha Démo',
    association: DEMO,
    roles: [Role.SocialWorker],
    team: 'Équipe Goutte-d’Or',
  },
  { email: 'volunteer@demo.envol.test', displayName: 'Alex Démo', association: DEMO, roles: [Role.OutreachVolunteer] },
  { email: 'coordinator@demo.envol.test', displayName: 'Dominique Démo', association: DEMO, roles: [Role.Coordinator] },
  { email: 'admin@demo.envol.test', displayName: 'Claude Démo', association: DEMO, roles: [Role.Admin] },
  { email: 'dpo@demo.envol.test', displayName: 'Morgan Démo', association: DEMO, roles: [Role.Dpo] },
  { email: 'funder@demo.envol.test', displayName: 'Fondation Démo (lecture)', association: null, roles: [Role.Funder] },
  {
    email: 'coordinator@exemple.envol.test',
    displayName: 'Noa Exemple',
    association: EXEMPLE,
    roles: [Role.Coordinator],
  },
];

/** DEMO_PASSWORD when set; else one generated at the first start and kept (0600) in the Envol home. */
export function demoPassword(home: string, configured: string | undefined): string {
  if (configured) return configured;
  const path = join(home, 'demo-password');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const generated = `demo-${randomBytes(9).toString('base64url')}`;
  writeFileSync(path, `${generated}\n`, { mode: 0o600 });
  return generated;
}

/**
 * Idempotent: creates what is missing and leaves what exists (a changed password stays changed),
 * so it runs at every embedded start and new demo content appears after upgrades.
 */
export async function seedDemo(owner: DataSource, keys: Keys, password: string, baseUrl: string): Promise<number> {
  const p = new Provisioning(owner, keys);
  await p.createAssociation({
    name: DEMO,
    departements: ['75', '93'],
    approvalGrantedOn: '2024-09-01',
    approvalExpiresOn: '2027-09-01',
  });
  await p.createSite(DEMO, { name: 'Paris', code: 'PAR', departement: '75' });
  await p.createSite(DEMO, { name: 'Seine-Saint-Denis', code: 'SSD', departement: '93' });
  const teams: Record<string, string> = {
    'Équipe Belleville': (await p.createTeam(DEMO, 'PAR', 'Équipe Belleville')).id,
    'Équipe Goutte-d’Or': (await p.createTeam(DEMO, 'PAR', 'Équipe Goutte-d’Or')).id,
  };
  await p.createTeam(DEMO, 'SSD', 'Équipe Saint-Denis');

  await p.createAssociation({
    name: EXEMPLE,
    departements: ['69'],
    approvalGrantedOn: '2025-03-15',
    approvalExpiresOn: '2028-03-15',
  });
  await p.createSite(EXEMPLE, { name: 'Lyon', code: 'LYO', departement: '69' });
  await p.createTeam(EXEMPLE, 'LYO', 'Équipe Guillotière');

  await p.createAssociation({
    name: HORIZON,
    departements: ['13'],
    approvalGrantedOn: '2023-11-01',
    approvalExpiresOn: '2026-11-01',
  });
  await p.createSite(HORIZON, { name: 'Marseille', code: 'MRS', departement: '13' });
  await p.createTeam(HORIZON, 'MRS', 'Équipe Belsunce');

  await p.createFunder(FUNDER);
  for (const association of [DEMO, EXEMPLE, HORIZON]) await p.createAgreement(FUNDER, association, '2026-01-01');

  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const outcome = account.association
      ? await p.createMember(
          account.association,
          {
            email: account.email,
            displayName: account.displayName,
            roles: account.roles,
            teamId: account.team ? teams[account.team] : null,
          },
          baseUrl,
        )
      : await p.createFunderMember(FUNDER, { email: account.email, displayName: account.displayName }, baseUrl);
    if (outcome.created) {
      await p.setPassword(outcome.userId, password);
      created += 1;
    }
  }
  return created;
}
