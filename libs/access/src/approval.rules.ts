import { format, parseISO, subMonths } from 'date-fns';
import type { ReminderInput } from '@app/reminders';

/**
 * The association's approval renewal, to its admins, `approvalRenewalLeadMonths` before it expires
 * (domain/psp.md: the approval lasts 3 years; the renewal file is prepared 6 months before, the
 * association's setting); none while the expiry date is unknown.
 */
export function approvalReminders(association: {
  approvalExpiresOn: string | null;
  approvalRenewalLeadMonths: number;
}): ReminderInput[] {
  if (!association.approvalExpiresOn) return [];
  const leadMonths = association.approvalRenewalLeadMonths;
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
