import { Injectable } from '@nestjs/common';
import { approvalReminders, OrganisationService, type SettingsChange } from '@app/access';
import type { AssociationSettingsView, ReminderLeadTime } from '@app/contracts';
import { enqueue, RESYNC_START, type JobName, type RequestContext } from '@app/platform';
import { RemindersService } from '@app/reminders';

/** The job that moves the reminders a lead time governs, for the lead times whose sources can be many. */
const RESYNC_JOB: Partial<Record<ReminderLeadTime, JobName & `${string}.reminders.resync`>> = {
  noContactDays: 'people.reminders.resync',
  retentionYears: 'people.reminders.resync',
  appointmentLeadDays: 'casework.reminders.resync',
  documentExpiryLeadDays: 'documents.reminders.resync',
};

/**
 * The organisation settings' use case: access saves them, and a changed reminder lead time moves
 * the open reminders it governs, as a changed source would (libs/reminders `upsertForSource`). The
 * approval renewal has one source, the association: moved in this transaction. Files, appointments
 * and documents can be thousands: an outbox job per lib, written in this transaction, recomputes
 * them a batch at a time, so the change commits fast and its reminders follow within seconds.
 * access cannot import the libs that own those sources; this app layer composes them.
 */
@Injectable()
export class SettingsService {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly reminders: RemindersService,
  ) {}

  async update(ctx: RequestContext, change: SettingsChange): Promise<AssociationSettingsView> {
    const { settings, leadTimesChanged } = await this.organisation.updateSettings(ctx, change);
    if (leadTimesChanged.includes('approvalRenewalLeadMonths')) {
      const association = await this.organisation.association(ctx);
      await this.reminders.upsertForSource(
        ctx,
        { kind: 'association', id: association.id },
        approvalReminders(association),
      );
    }
    const jobs = new Set(leadTimesChanged.flatMap((name) => RESYNC_JOB[name] ?? []));
    for (const job of jobs) await enqueue(ctx, job, { afterId: RESYNC_START });
    return settings;
  }
}
