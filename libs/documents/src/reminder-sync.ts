import { Association } from '@app/access';
import { Person } from '@app/people';
import { enqueue, type JobHandler, type RequestContext } from '@app/platform';
import { RemindersService, type ReminderInput } from '@app/reminders';
import { In, IsNull, MoreThan, MoreThanOrEqual } from 'typeorm';
import { PersonDocument } from './document.entity';
import { expiryDeadlines, parisDay } from './documents.rules';

/** Documents per `documents.reminders.resync` job. */
export const DOCUMENTS_RESYNC_BATCH = 500;

/** Days before expiry: the reminder, and when a document shows as "soon" (the association's setting). */
export async function documentExpiryLeadDays(ctx: RequestContext, associationId: string): Promise<number> {
  return (await ctx.repo(Association).findOneByOrFail({ id: associationId })).documentExpiryLeadDays;
}

/**
 * A document's expiry reminds the person's referent `leadDays` before (domain/psp.md: 60 days);
 * deleted or without expiry, it reminds no one. `people` holds each document's person.
 */
export async function syncDocumentReminders(
  ctx: RequestContext,
  reminders: RemindersService,
  documents: readonly PersonDocument[],
  people: ReadonlyMap<string, { referentId: string | null; siteId: string }>,
  leadDays: number,
): Promise<void> {
  for (const document of documents) {
    const person = people.get(document.personId);
    if (!person) continue;
    const inputs: ReminderInput[] = expiryDeadlines([document], ctx.now, leadDays).map((d) => ({
      key: 'document_expiry',
      kind: 'document_expiry',
      dueOn: d.remindOn,
      deadlineOn: d.expiresOn,
      personId: d.personId,
      assignee: { kind: 'referent', userId: person.referentId, siteId: person.siteId },
    }));
    await reminders.upsertForSource(ctx, { kind: 'document', id: document.id }, inputs);
  }
}

/**
 * `documents.reminders.resync`: the expiry lead time changed. Live documents not expired yet are
 * reminded again with it (an expired one's reminder is history), a batch per job.
 */
export function documentsJobHandlers(reminders: () => RemindersService): {
  'documents.reminders.resync': JobHandler<'documents.reminders.resync'>;
} {
  return {
    'documents.reminders.resync': async (ctx, { afterId }) => {
      if (!ctx.associationId) return;
      const documents = await ctx.repo(PersonDocument).find({
        where: {
          associationId: ctx.associationId,
          deletedAt: IsNull(),
          expiresOn: MoreThanOrEqual(parisDay(ctx.now)),
          id: MoreThan(afterId),
        },
        order: { id: 'ASC' },
        take: DOCUMENTS_RESYNC_BATCH,
      });
      if (documents.length === 0) return;
      const people = await ctx.repo(Person).find({
        select: { id: true, referentId: true, siteId: true },
        where: { id: In([...new Set(documents.map((d) => d.personId))]) },
      });
      await syncDocumentReminders(
        ctx,
        reminders(),
        documents,
        new Map(people.map((p) => [p.id, p])),
        await documentExpiryLeadDays(ctx, ctx.associationId),
      );
      if (documents.length === DOCUMENTS_RESYNC_BATCH) {
        await enqueue(ctx, 'documents.reminders.resync', { afterId: documents[documents.length - 1].id });
      }
    },
  };
}
