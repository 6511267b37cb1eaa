import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../database/request-context';
import { notFound } from '../errors/app-error';
import { JOB_NAMES, type JobName, type JobPayloads } from '../queue/queues';
import { OutboxJob } from './outbox-job.entity';
import { assertIdsOnly, isUuid, OutboxError, OutboxErrorCode, OutboxState } from './outbox.rules';

export interface EnqueueOptions {
  /** Not before this instant (default: the context's now). */
  runAt?: Date;
}

/**
 * The one way to start a job: an outbox row written in the caller's transaction (`ctx.manager`), in
 * the caller's association, so the job exists if and only if the business change commits. Nothing
 * here talks to Redis: the relay does, later, so no request depends on it. Returns the row id.
 */
export async function enqueue<N extends JobName>(
  ctx: RequestContext,
  jobName: N,
  payload: JobPayloads[N],
  options: EnqueueOptions = {},
): Promise<string> {
  if (!(JOB_NAMES as readonly string[]).includes(jobName)) throw new OutboxError(OutboxErrorCode.UnknownJob);
  assertIdsOnly(payload);
  const result = await ctx.manager
    .createQueryBuilder()
    .insert()
    .into(OutboxJob)
    .values({
      associationId: ctx.associationId,
      jobName,
      payload: { ...payload },
      state: OutboxState.Pending,
      runAt: options.runAt ?? ctx.now,
      attempts: 0,
      effects: 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning(['id'])
    .execute();
  return (result.identifiers[0] as { id: string }).id;
}

/** A failed job as the admins' page shows it: no payload (ids of people are not for that page). */
export interface FailedJob {
  id: string;
  jobName: string;
  attempts: number;
  lastErrorCode: string | null;
  createdAt: Date;
  failedAt: Date;
}

const FAILED_LIST_LIMIT = 200;

/**
 * Failed jobs and their retry. The outbox is exempt from row-level security, so every read here
 * filters on the context's association itself: an admin sees their association's jobs, a context
 * without association (operator) sees the system jobs only.
 */
@Injectable()
export class OutboxService {
  enqueue<N extends JobName>(
    ctx: RequestContext,
    jobName: N,
    payload: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<string> {
    return enqueue(ctx, jobName, payload, options);
  }

  async listFailed(ctx: RequestContext): Promise<FailedJob[]> {
    const rows = await ctx.manager
      .createQueryBuilder(OutboxJob, 'j')
      .select(['j.id', 'j.jobName', 'j.attempts', 'j.lastErrorCode', 'j.createdAt', 'j.updatedAt'])
      .where('j.state = :failed', { failed: OutboxState.Failed })
      .andWhere('j.association_id IS NOT DISTINCT FROM :association', { association: ctx.associationId })
      .orderBy('j.updatedAt', 'DESC')
      .limit(FAILED_LIST_LIMIT)
      .getMany();
    return rows.map((r) => ({
      id: r.id,
      jobName: r.jobName,
      attempts: r.attempts,
      lastErrorCode: r.lastErrorCode,
      createdAt: r.createdAt,
      failedAt: r.updatedAt,
    }));
  }

  /**
   * "Retry" resets a failed row: attempts to 0, due now; the relay takes it from there. Only failed
   * rows: re-running a done job would repeat its effect. Anything else answers 404.
   */
  async retry(ctx: RequestContext, id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('Failed job');
    const result = await ctx.manager
      .createQueryBuilder()
      .update(OutboxJob)
      .set({
        state: OutboxState.Pending,
        attempts: 0,
        lastErrorCode: null,
        runAt: ctx.now,
        updatedAt: ctx.now,
      })
      .where('id = :id', { id })
      .andWhere('state = :failed', { failed: OutboxState.Failed })
      .andWhere('association_id IS NOT DISTINCT FROM :association', { association: ctx.associationId })
      .execute();
    if (!result.affected) throw notFound('Failed job');
  }
}
