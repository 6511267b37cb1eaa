import { approvalReminders } from './approval.rules';

describe('approval renewal reminder (domain/psp.md: 6 months before, an association setting)', () => {
  it.each([
    ['2027-09-01', '2027-03-01'],
    // 31 August − 6 months: the calendar clamps to the last day of February.
    ['2027-08-31', '2027-02-28'],
    ['2028-08-31', '2028-02-29'],
  ])('expiry %s → due %s, to the admins', (expires, due) => {
    expect(approvalReminders({ approvalExpiresOn: expires, approvalRenewalLeadMonths: 6 })).toEqual([
      {
        key: `approval_renewal:${expires}`,
        kind: 'approval_renewal',
        dueOn: due,
        deadlineOn: expires,
        assignee: { kind: 'role', role: 'admin', siteId: null },
      },
    ]);
  });

  it.each([
    [1, '2027-08-01'],
    [3, '2027-06-01'],
    [12, '2026-09-01'],
    [24, '2025-09-01'],
  ])('with a lead of %i month(s), an approval expiring on 1 September 2027 is due on %s', (months, due) => {
    const [reminder] = approvalReminders({ approvalExpiresOn: '2027-09-01', approvalRenewalLeadMonths: months });
    expect([reminder.dueOn, reminder.deadlineOn]).toEqual([due, '2027-09-01']);
  });

  it('raises nothing while the expiry is unknown', () => {
    expect(approvalReminders({ approvalExpiresOn: null, approvalRenewalLeadMonths: 6 })).toEqual([]);
  });
});
