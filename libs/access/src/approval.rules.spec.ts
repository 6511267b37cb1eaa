import { approvalReminders } from './approval.rules';

describe('approval renewal reminder (domain/psp.md: 6 months before)', () => {
  it.each([
    ['2027-09-01', '2027-03-01'],
    // 31 August − 6 months: the calendar clamps to the last day of February.
    ['2027-08-31', '2027-02-28'],
    ['2028-08-31', '2028-02-29'],
  ])('expiry %s → due %s, to the admins', (expires, due) => {
    expect(approvalReminders({ approvalExpiresOn: expires })).toEqual([
      {
        key: `approval_renewal:${expires}`,
        kind: 'approval_renewal',
        dueOn: due,
        deadlineOn: expires,
        assignee: { kind: 'role', role: 'admin', siteId: null },
      },
    ]);
  });

  it('raises nothing while the expiry is unknown, and follows the lead-time setting', () => {
    expect(approvalReminders({ approvalExpiresOn: null })).toEqual([]);
    expect(approvalReminders({ approvalExpiresOn: '2027-09-01' }, 3)[0].dueOn).toBe('2027-06-01');
  });
});
