import { Injectable } from '@nestjs/common';
import { Clock, inTransaction } from '@app/platform';
import { DataSource } from 'typeorm';
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
}
