import { parisToday, PathwaysService, periodEnd, plusDays, plusMonths } from '@app/pathways';
import { inTransaction, type Actor } from '@app/platform';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import type { World } from './world';

/** A PSP, a goal and a right per world file (A1, A2, B), and a commission session per association. */
export interface PathwayFixtures {
  pathwayA1: string;
  pathwayA2: string;
  pathwayB: string;
  goalA1: string;
  goalA2: string;
  goalB: string;
  rightA1: string;
  rightA2: string;
  rightB: string;
  sessionA: string;
  sessionB: string;
}

const cache = new WeakMap<World, Promise<PathwayFixtures>>();

export function today(t: TestApp): string {
  return parisToday(t.clock.now());
}

/** The start of a PSP period of `months` that ends on `end` by the rules' own count (month lengths vary). */
export function periodStartFor(end: string, months = 6): string {
  const guess = plusMonths(plusDays(end, 1), -months);
  for (const shift of [0, -1, 1, -2, 2, -3, 3]) {
    const startsOn = plusDays(guess, shift);
    if (periodEnd(startsOn, months) === end) return startsOn;
  }
  throw new Error(`no ${months}-month period ends on ${end}`);
}

/** Runs a service call as this actor, in a transaction of its own (as a request would). */
export function asActor<T>(t: TestApp, actor: Actor, fn: (s: PathwaysService, ctx: never) => Promise<T>): Promise<T> {
  return inTransaction(t.app.get(DataSource), { requestId: 'seed', now: t.clock.now(), actor }, (ctx) =>
    fn(t.app.get(PathwaysService), ctx as never),
  );
}

async function build(t: TestApp, w: World): Promise<PathwayFixtures> {
  const on = today(t);
  const workerA1: Actor = {
    userId: w.users.workerA1,
    associationId: w.associationA,
    roles: ['social_worker'],
    teamId: w.teamA1,
    siteIds: [],
  };
  const workerA2: Actor = {
    userId: w.users.workerA2,
    associationId: w.associationA,
    roles: ['social_worker'],
    teamId: w.teamA2,
    siteIds: [],
  };
  const coordinatorB: Actor = {
    userId: w.users.coordinatorB,
    associationId: w.associationB,
    roles: ['coordinator'],
    teamId: null,
    siteIds: [],
  };
  const one = async (actor: Actor, personId: string) =>
    asActor(t, actor, async (s, ctx) => {
      const pathway = await s.open(ctx, personId, { kind: 'psp', openedOn: on });
      const goal = await s.addGoal(ctx, pathway.id, { domain: 'housing', title: 'Logement stable' });
      const right = await s.addRight(ctx, personId, {
        kind: 'housing',
        status: 'current',
        situation: 'chrs',
        startsOn: on,
      });
      return [pathway.id, goal.id, right.id];
    });
  const [pathwayA1, goalA1, rightA1] = await one(workerA1, w.personA1);
  const [pathwayA2, goalA2, rightA2] = await one(workerA2, w.personA2);
  const [pathwayB, goalB, rightB] = await one(coordinatorB, w.personB);
  const sessionA = await asActor(
    t,
    workerA1,
    async (s, ctx) => (await s.createSession(ctx, { departement: '75', heldOn: '2030-06-01' })).id,
  );
  const sessionB = await asActor(
    t,
    coordinatorB,
    async (s, ctx) => (await s.createSession(ctx, { departement: '69', heldOn: '2030-06-01' })).id,
  );
  return { pathwayA1, pathwayA2, pathwayB, goalA1, goalA2, goalB, rightA1, rightA2, rightB, sessionA, sessionB };
}

export function pathwayFixtures(t: TestApp, w: World): Promise<PathwayFixtures> {
  let fixtures = cache.get(w);
  if (!fixtures) {
    fixtures = build(t, w);
    cache.set(w, fixtures);
  }
  return fixtures;
}
