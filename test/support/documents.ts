import type { ConsentPurpose, PartnerKind } from '@app/contracts';
import { DocumentsService } from '@app/documents';
import { PartnersService } from '@app/partners';
import { PeopleService } from '@app/people';
import { inTransaction, type Actor, type RequestContext } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { pdfWith } from './multipart';
import type { TestApp } from './test-app';
import type { World } from './world';

/** Acts as the file's worker (A1 for team A1, A2 for team A2) or coordinator B in association B. */
export function actorFor(w: World, who: 'workerA1' | 'workerA2' | 'coordinatorA' | 'coordinatorB'): Actor {
  const map = {
    workerA1: [w.users.workerA1, w.associationA, ['social_worker'], w.teamA1],
    workerA2: [w.users.workerA2, w.associationA, ['social_worker'], w.teamA2],
    coordinatorA: [w.users.coordinatorA, w.associationA, ['coordinator'], null],
    coordinatorB: [w.users.coordinatorB, w.associationB, ['coordinator'], null],
  } as const;
  const [userId, associationId, roles, teamId] = map[who];
  return { userId, associationId, roles: [...roles], teamId, siteIds: [] };
}

function as<T>(t: TestApp, actor: Actor, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
  return inTransaction(t.app.get(DataSource), { requestId: 'seed', now: t.clock.now(), actor }, work);
}

/** A PDF document on a file, stored through the service as that file's worker would. */
export async function createDocument(t: TestApp, actor: Actor, personId: string, marker = 'document'): Promise<string> {
  const view = await as(t, actor, (ctx) =>
    t.app.get(DocumentsService).store(ctx, personId, {
      kind: 'identity',
      issuedOn: null,
      expiresOn: null,
      fileName: `${marker}.pdf`,
      mediaType: 'application/pdf',
      bytes: pdfWith(marker),
    }),
  );
  return view.id;
}

export async function createPartner(t: TestApp, actor: Actor, kind: PartnerKind = 'housing'): Promise<string> {
  const view = await as(t, actor, (ctx) =>
    t.app.get(PartnersService).createPartner(ctx, { kind, name: `SIAO ${randomUUID().slice(0, 6)}` }),
  );
  return view.id;
}

export async function recordConsent(
  t: TestApp,
  actor: Actor,
  personId: string,
  purpose: ConsentPurpose,
  given = true,
  partnerId: string | null = null,
): Promise<void> {
  await as(t, actor, (ctx) => t.app.get(PeopleService).recordConsent(ctx, personId, purpose, given, partnerId));
}

/** A referral to a new housing partner, with the consent it needs recorded first. */
export async function createReferral(t: TestApp, actor: Actor, personId: string): Promise<string> {
  const partnerId = await createPartner(t, actor);
  await recordConsent(t, actor, personId, 'share_housing');
  const view = await as(t, actor, (ctx) =>
    t.app.get(PartnersService).createReferral(ctx, personId, {
      partnerId,
      reason: 'Demande d’hébergement',
      referredOn: '2026-01-15',
      sharedCategories: ['situation'],
      pseudonymous: false,
    }),
  );
  return view.id;
}
