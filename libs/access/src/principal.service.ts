import { Injectable } from '@nestjs/common';
import { Clock, inTransaction, setTenant } from '@app/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { loadPrincipal, type Principal } from './principal';

/** Reads a user's roles, sites and team in a transaction of the user's association (RLS applies). */
@Injectable()
export class PrincipalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  load(userId: string, associationId: string | null, requestId: string): Promise<Principal> {
    return inTransaction(this.dataSource, { requestId, now: this.clock.now(), associationId }, (ctx) =>
      loadPrincipal(ctx.manager, userId, associationId),
    );
  }

  /** The same, in a transaction the caller holds (the session lookup's): its tenant becomes the user's. */
  async loadIn(manager: EntityManager, userId: string, associationId: string | null): Promise<Principal> {
    if (associationId) await setTenant(manager, associationId);
    return loadPrincipal(manager, userId, associationId);
  }
}
