import { format, parseISO, subMonths } from 'date-fns';
import type { ReminderInput } from '@app/reminders';

/** domain/psp.md: the approval lasts 3 years; the renewal file is prepared 6 months before (setting default). */
export const APPROVAL_RENEWAL_LEAD_MONTHS = 6;

/** The association's approval renewal, to its admins; none while the expiry date is unknown. */
export function approvalReminders(
  association: { approvalExpiresOn: string | null },
  leadMonths = APPROVAL_RENEWAL_LEAD_MONTHS,
): ReminderInput[] {
  if (!association.approvalExpiresOn) return [];
  return [
    {
      key: `approval_renewal:${association.approvalExpiresOn}`,
      kind: 'approval_renewal',
      dueOn: format(subMonths(parseISO(association.approvalExpiresOn), leadMonths), 'yyyy-MM-dd'),
      deadlineOn: association.approvalExpiresOn,
      assignee: { kind: 'role', role: 'admin', siteId: null },
    },
  ];
}
