import { Injectable } from '@nestjs/common';
import {
  inTransaction,
  keyedHash,
  Keys,
  openWithKek,
  sealWithKek,
  type RequestContext,
  type RequestContextInit,
} from '@app/platform';
import { DataSource } from 'typeorm';
import { AuditEntry, AuditOutcome } from './audit-entry.entity';

export interface AuditEvent {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  objectIds?: string[] | null;
  outcome?: AuditOutcome;
  detail?: string | null;
  /** A stated reason; sealed before it is stored. */
  reason?: string | null;
  siteId?: string | null;
}

export interface AuditFilter {
  page: number;
  pageSize: number;
  actorId?: string;
  action?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  actionPrefixes?: string[];
}

export interface AuditEntryView {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRoles: string[];
  action: string;
  objectType: string | null;
  objectId: string | null;
  objectIds: string[] | null;
  outcome: string;
  detail: string | null;
  reason: string | null;
  requestId: string | null;
}

const REASON_PURPOSE = 'audit_reason';

/**
 * INSERT without RETURNING: the runtime role may add entries without an association (unknown
 * users) that row-level security then hides from it, and RETURNING would need to read them back.
 */
async function insertEntry(ctx: RequestContext, row: Partial<AuditEntry>): Promise<void> {
  await ctx.manager.query(
    `INSERT INTO audit_entry (occurred_at, association_id, site_id, actor_id, actor_roles, action, object_type, object_id,
                              object_ids, outcome, detail, reason, client_hash, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      row.occurredAt,
      row.associationId ?? null,
      row.siteId ?? null,
      row.actorId ?? null,
      row.actorRoles ?? [],
      row.action,
      row.objectType ?? null,
      row.objectId ?? null,
      row.objectIds ?? null,
      row.outcome,
      row.detail ?? null,
      row.reason ?? null,
      row.clientHash ?? null,
      row.requestId ?? null,
    ],
  );
}

/**
 * Writes the trail in the caller's transaction (a rolled-back write leaves no entry) and reads it
 * back under row-level security. Refusals are written in a transaction of their own, after the
 * request's transaction has been rolled back and its connection released.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly keys: Keys,
    private readonly dataSource: DataSource,
  ) {}

  private row(
    init: RequestContextInit,
    associationId: string | null,
    event: AuditEvent,
    occurredAt: Date,
  ): Partial<AuditEntry> {
    const reasonAad = `${event.action}.${init.requestId}`;
    return {
      occurredAt,
      associationId,
      siteId: event.siteId ?? null,
      actorId: init.actor?.userId ?? null,
      actorRoles: [...(init.actor?.roles ?? [])],
      action: event.action,
      objectType: event.objectType ?? null,
      objectId: event.objectId ?? null,
      objectIds: event.objectIds ?? null,
      outcome: event.outcome ?? AuditOutcome.Success,
      detail: event.detail ?? null,
      reason: event.reason
        ? sealWithKek(this.keys, REASON_PURPOSE, reasonAad, Buffer.from(event.reason, 'utf8'))
        : null,
      clientHash: init.clientAddress ? keyedHash(this.keys.clientHashKey, init.clientAddress) : null,
      requestId: init.requestId,
    };
  }

  async record(ctx: RequestContext, event: AuditEvent): Promise<void> {
    await insertEntry(ctx, this.row(ctx.init, ctx.associationId, event, ctx.now));
  }

  /** A refusal survives the rollback of its request: written in a transaction of its own. */
  async recordRefusal(init: RequestContextInit, event: AuditEvent): Promise<void> {
    const associationId = init.actor?.associationId ?? null;
    await inTransaction(this.dataSource, { ...init, associationId }, (ctx) =>
      insertEntry(ctx, this.row(init, associationId, event, init.now)),
    );
  }

  async search(ctx: RequestContext, filter: AuditFilter): Promise<{ items: AuditEntryView[]; total: number }> {
    const query = ctx.repo(AuditEntry).createQueryBuilder('e').orderBy('e.id', 'DESC');
    if (filter.actorId) query.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.objectId) {
      query.andWhere('(e.object_id = :objectId OR :objectId = ANY(e.object_ids::text[]))', {
        objectId: filter.objectId,
      });
    }
    if (filter.from) query.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.occurred_at < :to', { to: filter.to });
    if (filter.actionPrefixes?.length) {
      query.andWhere(
        `(${filter.actionPrefixes.map((_, i) => `e.action LIKE :p${i}`).join(' OR ')})`,
        Object.fromEntries(filter.actionPrefixes.map((p, i) => [`p${i}`, `${p}%`])),
      );
    }
    const [rows, total] = await query
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => this.view(r)), total };
  }

  view(r: AuditEntry): AuditEntryView {
    let reason: string | null = null;
    if (r.reason && r.requestId) {
      try {
        reason = openWithKek(this.keys, REASON_PURPOSE, `${r.action}.${r.requestId}`, r.reason).toString('utf8');
      } catch {
        reason = null;
      }
    }
    return {
      id: r.id,
      occurredAt: r.occurredAt.toISOString(),
      actorId: r.actorId,
      actorRoles: r.actorRoles,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      objectIds: r.objectIds,
      outcome: r.outcome,
      detail: r.detail,
      reason,
      requestId: r.requestId,
    };
  }
}
