import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryRunner, Repository } from 'typeorm';

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

/**
 * A transaction opened before it is known who will finish it: the session guard opens it to read
 * the session and the roles, and hands it to the request's work, which commits it (one transaction
 * per request instead of two: three statements less on the hot path, docs/performance.md). If nobody
 * takes it (a refusal before the handler, a client gone), `abandon()` rolls it back and frees the
 * connection; every method is safe to call in any order and more than once.
 */
export class OpenTransaction {
  private state: 'open' | 'taken' | 'closed' = 'open';
  private tenant: string | null = null;

  private constructor(private readonly runner: QueryRunner) {}

  static async begin(dataSource: DataSource): Promise<OpenTransaction> {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
    } catch (error) {
      await runner.release().catch(() => undefined);
      throw error;
    }
    return new OpenTransaction(runner);
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /** The tenant of the rest of the transaction (transaction-local, as `setTenant`). */
  async setTenant(associationId: string | null): Promise<void> {
    await setTenant(this.runner.manager, associationId);
    this.tenant = associationId;
  }

  /** The opener finishes it itself: commits what it wrote and frees the connection. */
  async commit(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'closed';
    try {
      await this.runner.commitTransaction();
    } finally {
      await this.runner.release();
    }
  }

  /** Rolls back and frees the connection, unless the request's work has taken the transaction. */
  async abandon(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'closed';
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } finally {
      await this.runner.release();
    }
  }

  /**
   * Runs `work` as `inTransaction` would, in this transaction: the tenant is set if it is not the
   * context's yet; commits on success, rolls back on any error, frees the connection either way.
   * Answers `undefined` (and runs nothing) if the transaction was already finished or taken.
   */
  take<T>(init: RequestContextInit, work: (ctx: RequestContext) => Promise<T>): Promise<T> | undefined {
    if (this.state !== 'open') return undefined;
    this.state = 'taken';
    return (async () => {
      try {
        const ctx = new RequestContext(init, this.runner.manager);
        if ((ctx.associationId ?? null) !== this.tenant) await setTenant(this.runner.manager, ctx.associationId);
        const result = await work(ctx);
        await this.runner.commitTransaction();
        return result;
      } catch (error) {
        if (this.runner.isTransactionActive) await this.runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        this.state = 'closed';
        await this.runner.release();
      }
    })();
  }
}
