import type { DeadlineItem, DeadlineKind, PathwayKind, PathwaySettings, PathwayState, RightKind } from '@app/contracts';
import { plusDays, plusMonths, type CalendarDate } from './dates';
import type { Period } from './pathway.rules';

/**
 * Deadlines of psp.md ("Deadlines Envol raises"), computed from a person's pathways and rights. Pure:
 * the reminders store consumes the same items. Each item disappears once what it asks for is recorded
 * (a renewal filed, an AFIS request, a permit renewed) or the pathway is no longer in the state it
 * concerns.
 */
export interface DeadlinePathway {
  id: string;
  personId: string;
  kind: PathwayKind;
  state: PathwayState;
  periods: Period[];
  /** The latest decision that opened or extended a period (authorise, appeal_granted). */
  lastGrantOn: CalendarDate | null;
  /** The latest refusal's notification date (its decision date when not recorded). */
  refusalNotifiedOn: CalendarDate | null;
}

export interface DeadlineRight {
  id: string;
  personId: string;
  kind: RightKind;
  status: string;
  requestedOn: CalendarDate | null;
  startsOn: CalendarDate | null;
  endsOn: CalendarDate | null;
  receiptUntil: CalendarDate | null;
}

export interface DeadlineData {
  pathways: DeadlinePathway[];
  rights: DeadlineRight[];
}

const OPEN_PSP: readonly PathwayState[] = ['authorised', 'renewal_submitted', 'commission_opinion'];

function item(
  kind: DeadlineKind,
  dueOn: CalendarDate,
  personId: string,
  sourceKind: DeadlineItem['sourceKind'],
  sourceId: string,
  labelKey: string,
  today: CalendarDate,
  leadDays?: number,
): DeadlineItem {
  return {
    kind,
    dueOn,
    personId,
    sourceKind,
    sourceId,
    labelKey,
    overdue: dueOn < today,
    ...(leadDays ? { leadDays } : {}),
  };
}

/** Every deadline due on or before `today + horizon`, overdue ones included, earliest first. */
export function deadlinesFor(data: DeadlineData, settings: PathwaySettings, today: CalendarDate): DeadlineItem[] {
  const items: DeadlineItem[] = [];
  for (const p of data.pathways) {
    if (p.kind !== 'psp') continue;
    const current = p.periods[p.periods.length - 1];
    if (p.state === 'authorised' && current) {
      // End of a 6-month period: prepare the renewal review and file annex 7 (90 and 60 days before).
      if (p.periods.length < settings.maxPeriods) {
        for (const lead of [...settings.renewalLeadDays].sort((a, b) => b - a))
          items.push(
            item(
              'renewal_review',
              plusDays(current.endsOn, -lead),
              p.personId,
              'pathway',
              p.id,
              'deadline.renewal_review',
              today,
              lead,
            ),
          );
      }
      items.push(
        item(
          'period_end',
          current.endsOn,
          p.personId,
          'pathway',
          p.id,
          p.periods.length < settings.maxPeriods ? 'deadline.period_end' : 'deadline.pathway_end',
          today,
        ),
      );
    }
    if (OPEN_PSP.includes(p.state)) {
      // Start of period 4 (month 18) and 3 months later (month 21): the exit plan.
      const third = p.periods[settings.maxPeriods - 2];
      const last = p.periods[settings.maxPeriods - 1];
      const month18 = last?.startsOn ?? (third ? plusDays(third.endsOn, 1) : null);
      if (month18) {
        const month21 = plusMonths(month18, settings.exitPlanFollowUpMonths);
        if (today <= month21)
          items.push(item('exit_plan', month18, p.personId, 'pathway', p.id, 'deadline.exit_plan_start', today));
        items.push(item('exit_plan', month21, p.personId, 'pathway', p.id, 'deadline.exit_plan_follow_up', today));
      }
      // A préfet's decision opens or extends the AFIS: send the request to the MSA with it.
      if (p.lastGrantOn && (p.state === 'authorised' || p.state === 'renewal_submitted')) {
        const requested = data.rights.some(
          (r) =>
            r.personId === p.personId &&
            r.kind === 'income_support' &&
            (r.requestedOn ?? r.startsOn ?? '') >= p.lastGrantOn!,
        );
        if (!requested)
          items.push(item('afis_request', p.lastGrantOn, p.personId, 'pathway', p.id, 'deadline.afis_request', today));
      }
    }
    if (p.state === 'refused' && p.refusalNotifiedOn) {
      // Refusal notified: the appeal window, on notification and 45 days after, until it closes.
      const closes = plusMonths(p.refusalNotifiedOn, settings.appealWindowMonths);
      if (today <= closes) {
        items.push(
          item('appeal_window', p.refusalNotifiedOn, p.personId, 'pathway', p.id, 'deadline.appeal_window', today),
        );
        items.push(
          item(
            'appeal_window',
            plusDays(p.refusalNotifiedOn, settings.appealReminderDays),
            p.personId,
            'pathway',
            p.id,
            'deadline.appeal_window_reminder',
            today,
          ),
        );
      }
    }
  }
  for (const r of data.rights) {
    // APS expiry: renew at the préfecture with the new decision, 60 days before (or before the receipt ends).
    if (r.kind !== 'residence_permit') continue;
    const expires = r.status === 'renewing' ? (r.receiptUntil ?? r.endsOn) : r.status === 'issued' ? r.endsOn : null;
    if (expires)
      items.push(
        item(
          'aps_expiry',
          plusDays(expires, -settings.apsLeadDays),
          r.personId,
          'right',
          r.id,
          r.status === 'renewing' ? 'deadline.aps_receipt_expiry' : 'deadline.aps_expiry',
          today,
        ),
      );
  }
  const horizon = plusDays(today, settings.deadlineHorizonDays);
  return items
    .filter((i) => i.dueOn <= horizon)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.kind.localeCompare(b.kind)));
}
