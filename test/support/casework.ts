import { CaseworkService, type NewAppointment, type NewJournalEvent } from '@app/casework';
import { inTransaction, type Actor } from '@app/platform';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import type { World } from './world';

/** Logs a note as this actor would, directly through the service. */
export async function createEvent(
  t: TestApp,
  actor: Actor,
  personId: string,
  input: Partial<NewJournalEvent> = {},
): Promise<{ id: string; version: number }> {
  return inTransaction(t.app.get(DataSource), { requestId: 'seed', now: t.clock.now(), actor }, async (ctx) => {
    const event = await t.app
      .get(CaseworkService)
      .logEvent(ctx, personId, { type: 'interview', text: 'Entretien de suivi', ...input });
    return { id: event.id, version: event.version };
  });
}

export async function createAppointment(
  t: TestApp,
  actor: Actor,
  personId: string,
  input: Partial<NewAppointment> = {},
): Promise<{ id: string; version: number }> {
  return inTransaction(t.app.get(DataSource), { requestId: 'seed', now: t.clock.now(), actor }, async (ctx) => {
    const appointment = await t.app.get(CaseworkService).planAppointment(ctx, personId, {
      startsAt: new Date(t.clock.now().getTime() + 86_400_000),
      durationMinutes: 60,
      counterpart: 'person',
      place: 'Local de l’association',
      purpose: 'Point mensuel',
      ...input,
    });
    return { id: appointment.id, version: appointment.version };
  });
}

/** The actors behind the world's principals, for the service calls above. */
export function actorOf(w: World, who: 'workerA1' | 'workerA2' | 'coordinatorA' | 'coordinatorB'): Actor {
  const coordinator = who.startsWith('coordinator');
  return {
    userId: w.users[who],
    associationId: who === 'coordinatorB' ? w.associationB : w.associationA,
    roles: [coordinator ? 'coordinator' : 'social_worker'],
    teamId: who === 'workerA1' ? w.teamA1 : who === 'workerA2' ? w.teamA2 : null,
    siteIds: [],
  };
}
