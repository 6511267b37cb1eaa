import { FunderMember, OrganisationService, StatisticsAgreement, TeamMember, UserRole } from '@app/access';
import { AccountsService, UserAccount } from '@app/auth';
import { Role } from '@app/contracts';
import { inTransaction, type Actor, type RequestContext } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { signIn, type SignedIn } from './accounts';
import { createPerson } from './persons';
import type { TestApp } from './test-app';

/** The nine principals of ACCEPTANCE.md "Role matrix". */
export const PRINCIPALS = [
  'anonymous',
  'workerA1',
  'workerA2',
  'volunteerA',
  'coordinatorA',
  'adminA',
  'dpoA',
  'funderF',
  'coordinatorB',
] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

export interface World {
  associationA: string;
  associationB: string;
  siteA1: string;
  siteA2: string;
  siteB: string;
  teamA1: string;
  teamA2: string;
  teamB: string;
  funderF: string;
  users: Record<Exclude<PrincipalName, 'anonymous'>, string>;
  /** Plain accounts to act upon (one per association), so writes never touch a principal. */
  targetA: string;
  targetB: string;
  /** Files: one in team A1 (referent worker A1), one in team A2 (worker A2), one in association B. */
  personA1: string;
  personA2: string;
  personB: string;
  sessions: Record<PrincipalName, SignedIn | null>;
}

/**
 * Two associations (A with two sites and two teams in site 1, B with one), a funder with an
 * agreement with A, and the nine principals signed in. Written as the owner would, with the tenant set.
 */
export async function seedWorld(t: TestApp): Promise<World> {
  const dataSource = t.app.get(DataSource);
  const organisation = new OrganisationService();
  const accounts = t.app.get(AccountsService);
  const tx = <T>(associationId: string | null, work: (ctx: RequestContext) => Promise<T>) =>
    inTransaction(dataSource, { requestId: 'seed', now: t.clock.now(), associationId }, work);

  // The app role may not insert associations' rows outside its tenant: the tenant is set first.
  const associationA = randomUUID();
  const associationB = randomUUID();
  const owner = new DataSource({ type: 'postgres', url: t.db.ownerUrl, entities: dataSource.options.entities });
  await owner.initialize();
  try {
    for (const [id, name] of [
      [associationA, 'Association A'],
      [associationB, 'Association B'],
    ] as const) {
      await inTransaction(owner, { requestId: 'seed', now: t.clock.now(), associationId: id }, (ctx) =>
        organisation.createAssociation(ctx, id, { name, approvalDepartements: ['75'] }),
      );
    }
  } finally {
    await owner.destroy();
  }

  const [siteA1, siteA2, teamA1, teamA2] = await tx(associationA, async (ctx) => {
    const s1 = await organisation.createSite(ctx, { name: 'Site A1', code: 'AAA', departement: '75' });
    const s2 = await organisation.createSite(ctx, { name: 'Site A2', code: 'AAB', departement: '93' });
    const t1 = await organisation.createTeam(ctx, { name: 'Team A1', siteId: s1.id });
    const t2 = await organisation.createTeam(ctx, { name: 'Team A2', siteId: s1.id });
    return [s1.id, s2.id, t1.id, t2.id];
  });
  const [siteB, teamB] = await tx(associationB, async (ctx) => {
    const s = await organisation.createSite(ctx, { name: 'Site B', code: 'BBB', departement: '69' });
    const team = await organisation.createTeam(ctx, { name: 'Team B', siteId: s.id });
    return [s.id, team.id];
  });
  const funderF = await tx(null, async (ctx) => {
    const { funder } = await organisation.findOrCreateFunder(ctx, `Funder ${randomUUID().slice(0, 8)}`);
    await ctx
      .repo(StatisticsAgreement)
      .insert({ funderId: funder.id, associationId: associationA, signedOn: '2026-01-01' });
    return funder.id;
  });

  const member = (associationId: string | null, email: string, roles: Role[], teamId?: string) =>
    tx(associationId, async (ctx) => {
      const account = await accounts.create(ctx, { email, displayName: email.split('@')[0], associationId });
      if (associationId && roles.length > 0) {
        await ctx.repo(UserRole).insert(roles.map((role) => ({ userId: account.id, role, associationId })));
      }
      if (associationId && teamId) await ctx.repo(TeamMember).insert({ userId: account.id, teamId, associationId });
      if (!associationId && roles.includes(Role.Funder))
        await ctx.repo(FunderMember).insert({ userId: account.id, funderId: funderF });
      return account.id;
    });

  const users = {
    workerA1: await member(associationA, 'worker.a1@world.test', [Role.SocialWorker], teamA1),
    workerA2: await member(associationA, 'worker.a2@world.test', [Role.SocialWorker], teamA2),
    volunteerA: await member(associationA, 'volunteer.a@world.test', [Role.OutreachVolunteer]),
    coordinatorA: await member(associationA, 'coordinator.a@world.test', [Role.Coordinator]),
    adminA: await member(associationA, 'admin.a@world.test', [Role.Admin]),
    dpoA: await member(associationA, 'dpo.a@world.test', [Role.Dpo]),
    funderF: await member(null, 'funder.f@world.test', [Role.Funder]),
    coordinatorB: await member(associationB, 'coordinator.b@world.test', [Role.Coordinator]),
  };
  const targetA = await member(associationA, 'target.a@world.test', [Role.SocialWorker], teamA2);
  const targetB = await member(associationB, 'target.b@world.test', [Role.SocialWorker], teamB);

  const actor = (userId: string, associationId: string, roles: string[], teamId: string | null): Actor => ({
    userId,
    associationId,
    roles,
    teamId,
    siteIds: [],
  });
  const personA1 = (await createPerson(t, actor(users.workerA1, associationA, ['social_worker'], teamA1))).id;
  const personA2 = (await createPerson(t, actor(users.workerA2, associationA, ['social_worker'], teamA2))).id;
  const personB = (await createPerson(t, actor(users.coordinatorB, associationB, ['coordinator'], null))).id;

  const sessions = { anonymous: null } as Record<PrincipalName, SignedIn | null>;
  for (const [name, id] of Object.entries(users)) sessions[name as PrincipalName] = await signIn(t, id);
  return {
    associationA,
    associationB,
    siteA1,
    siteA2,
    siteB,
    teamA1,
    teamA2,
    teamB,
    funderF,
    users,
    targetA,
    targetB,
    personA1,
    personA2,
    personB,
    sessions,
  };
}

/** A fresh plain account in association A or B, for routes that change or disable a user. */
export async function newTarget(t: TestApp, world: World, association: 'A' | 'B'): Promise<string> {
  const associationId = association === 'A' ? world.associationA : world.associationB;
  return inTransaction(t.app.get(DataSource), { requestId: 'seed', now: t.clock.now(), associationId }, async (ctx) => {
    const account = await t.app
      .get(AccountsService)
      .create(ctx, { email: `target.${randomUUID().slice(0, 8)}@world.test`, displayName: 'Target', associationId });
    return account.id;
  });
}

export async function versionOfUser(t: TestApp, id: string): Promise<number> {
  return (await t.app.get(DataSource).getRepository(UserAccount).findOneByOrFail({ id })).version;
}

/** The current version of a row, read as the owner (row-level security would hide it otherwise). */
export async function versionOf(
  t: TestApp,
  table:
    'site' | 'team' | 'association' | 'person' | 'pathway_goal' | 'person_right' | 'partner' | 'referral' | 'document',
  id: string,
): Promise<number> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: t.db.superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM "${table}" WHERE id = $1`, [id]);
    return rows[0]?.version ?? 1;
  } finally {
    await client.end();
  }
}
