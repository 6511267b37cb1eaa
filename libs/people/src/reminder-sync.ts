import { Association } from '@app/access';
import type { SafeContact } from '@app/contracts';
import { enqueue, FieldCipher, type JobHandler, type RequestContext } from '@app/platform';
import { RemindersService } from '@app/reminders';
import { MoreThan } from 'typeorm';
import { Person } from './person.entity';
import { personReminders, type PeopleReminderSettings } from './people.rules';

const safeContactPlace = (rowId: string) => ({ table: 'person', column: 'safe_contact', rowId });

/** Files per `people.reminders.resync` job: one short transaction each, whatever the association's size. */
export const PEOPLE_RESYNC_BATCH = 500;

/** The people reminders' lead times, as the person's association sets them (read in the caller's transaction). */
export async function peopleReminderSettings(
  ctx: RequestContext,
  associationId: string,
): Promise<PeopleReminderSettings> {
  const association = await ctx.repo(Association).findOneByOrFail({ id: associationId });
  return { noContactDays: association.noContactDays, retentionYears: association.retentionYears };
}

/**
 * Hands files' deadlines (no contact, retention review) to the reminder store, with the contact
 * constraint of each file's safe contact. The files are of one association, whose settings are given.
 */
export async function syncPeopleReminders(
  ctx: RequestContext,
  cipher: FieldCipher,
  reminders: RemindersService,
  people: readonly Person[],
  settings: PeopleReminderSettings,
): Promise<void> {
  const contacts = await cipher.decryptManyText(
    ctx,
    people.map((p) => ({ place: safeContactPlace(p.id), ciphertext: p.safeContact })),
  );
  for (const [i, person] of people.entries()) {
    const safeContact = JSON.parse(contacts[i]) as SafeContact;
    await reminders.upsertForSource(
      ctx,
      { kind: 'person', id: person.id },
      personReminders(person, settings, { neverCall: safeContact.neverCall, hours: safeContact.hours }),
    );
  }
}

/**
 * `people.reminders.resync`: the no-contact or retention lead time changed, so every file's
 * reminders are computed again (pending and snoozed ones move, notified ones whose date moved are
 * raised again, done ones stay done), a batch per job; the last batch enqueues nothing.
 */
export function peopleJobHandlers(cipher: () => FieldCipher): {
  'people.reminders.resync': JobHandler<'people.reminders.resync'>;
} {
  return {
    'people.reminders.resync': async (ctx, { afterId }) => {
      if (!ctx.associationId) return;
      const people = await ctx.repo(Person).find({
        where: { associationId: ctx.associationId, id: MoreThan(afterId) },
        order: { id: 'ASC' },
        take: PEOPLE_RESYNC_BATCH,
      });
      if (people.length === 0) return;
      const settings = await peopleReminderSettings(ctx, ctx.associationId);
      await syncPeopleReminders(ctx, cipher(), new RemindersService(cipher()), people, settings);
      if (people.length === PEOPLE_RESYNC_BATCH) {
        await enqueue(ctx, 'people.reminders.resync', { afterId: people[people.length - 1].id });
      }
    },
  };
}
