import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { notFound, versionConflict } from '../errors/app-error';

/**
 * Optimistic locking (TypeORM's save() does not check @VersionColumn): the UPDATE names the version
 * read by the client; no row changed means someone else changed it first (409) or it is not there
 * for this caller (404).
 */
export async function updateVersioned<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  changes: Partial<T>,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .execute();
  if (result.affected === 1) return;
  const exists = await manager.getRepository(entity).exists({ where: { id } as never });
  throw exists ? versionConflict() : notFound();
}
