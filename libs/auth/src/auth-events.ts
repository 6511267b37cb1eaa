import type { EntityManager } from 'typeorm';
import { AuthEvent, type AuthEventType } from './auth-event.entity';

export interface AuthEventFields {
  userId?: string | null;
  associationId?: string | null;
  subjectHash?: string | null;
  clientHash?: string | null;
  requestId?: string | null;
}

export async function recordAuthEvent(
  manager: EntityManager,
  type: AuthEventType,
  occurredAt: Date,
  fields: AuthEventFields,
): Promise<void> {
  await manager.getRepository(AuthEvent).insert({
    type,
    occurredAt,
    userId: fields.userId ?? null,
    associationId: fields.associationId ?? null,
    subjectHash: fields.subjectHash ?? null,
    clientHash: fields.clientHash ?? null,
    requestId: fields.requestId ?? null,
  });
}
