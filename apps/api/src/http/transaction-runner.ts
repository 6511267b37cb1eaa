import { Injectable } from '@nestjs/common';
import { Clock, inTransaction, type RequestContext } from '@app/platform';
import { DataSource } from 'typeorm';
import type { EnvolRequest } from './transaction.interceptor';

/**
 * For routes marked @NoTransaction() that still read or write (uploads): short transactions opened
 * by the handler around the database work only, so no transaction stays open while a client
 * streams a body. Same tenant setting and context as the transaction interceptor's.
 */
@Injectable()
export class TransactionRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  run<T>(request: EnvolRequest, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    return inTransaction(
      this.dataSource,
      { requestId: request.id, now: this.clock.now(), actor: request.actor, clientAddress: request.ip },
      work,
    );
  }
}
