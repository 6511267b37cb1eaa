import type { EntityManager, EntityTarget, ObjectLiteral, Repository, DataSource } from 'typeorm';

/** Who is acting. Filled by the auth and access libs; the platform only carries it. */
export interface Actor {
  userId: string;
  associationId: string | null;
  roles: readonly string[];
  sessionId?: string;
  /** The user's team (files are shared within it by default). */
  teamId?: string | null;
  /** Sites the user is limited to; empty: every site of the association. */
  siteIds?: readonly string[];
}

export interface RequestContextInit {
  requestId: string;
  now: Date;
  actor?: Actor;
  associationId?: string | null;
  clientAddress?: string;
}

/**
 * The first argument of every service method (vendure's pattern): who acts, in which association,
 * at which instant, and the open transaction. Repositories are taken from `ctx.repo()` only, so no
 * query escapes the transaction and its tenant setting.
 */
export class RequestContext {
  constructor(
    readonly init: RequestContextInit,
    readonly manager: EntityManager,
  ) {}

  get requestId(): string {
    return this.init.requestId;
  }

  get now(): Date {
    return this.init.now;
  }

  get actor(): Actor | undefined {
    return this.init.actor;
  }

  get associationId(): string | null {
    return this.init.associationId ?? this.init.actor?.associationId ?? null;
  }

  repo<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }
}

/**
 * Sets the tenant for the current transaction only (`is_local = true`): when the transaction ends
 * the setting is gone, so a pooled connection never carries one association into the next request.
 * RLS policies read it with `nullif(current_setting('app.association_id', true), '')::uuid`.
 */
export async function setTenant(manager: EntityManager, associationId: string | null): Promise<void> {
  await manager.query(`SELECT set_config('app.association_id', $1, true)`, [associationId ?? '']);
}

/** Runs `work` in one transaction with its tenant set; commits on success, rolls back on any error. */
export async function inTransaction<T>(
  dataSource: DataSource,
  init: RequestContextInit,
  work: (ctx: RequestContext) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const ctx = new RequestContext(init, manager);
    // No association: nothing to set. The setting is only ever transaction-local, so a pooled
    // connection starts every transaction without one (one round trip saved per such transaction).
    if (ctx.associationId) await setTenant(manager, ctx.associationId);
    return work(ctx);
  });
}
