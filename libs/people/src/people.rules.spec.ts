import { displayName, formatFileNumber, isMinor, parisYear, personReminders } from './people.rules';

describe('people rules', () => {
  it.each([
    ['PAR', 2026, 42, 'PAR-2026-0042'],
    ['SSD', 2027, 12345, 'SSD-2027-12345'],
  ])('file number %s %i %i → %s', (site, year, seq, expected) => {
    expect(formatFileNumber(site, year, seq)).toBe(expected);
  });

  it.each([
    ['2025-12-31T22:59:59Z', 2025],
    ['2025-12-31T23:00:00Z', 2026],
  ])('the year in Paris at %s is %i', (instant, year) => {
    expect(parisYear(new Date(instant))).toBe(year);
  });

  it.each([
    ['2008-06-15', '2026-06-14T12:00:00Z', true],
    ['2008-06-15', '2026-06-15T12:00:00Z', false],
    // 23:30 UTC on 14 June is already 15 June in Paris: eighteen there.
    ['2008-06-15', '2026-06-14T22:30:00Z', false],
    [null, '2026-06-15T12:00:00Z', false],
  ])('born %s, at %s minor=%p', (birth, now, minor) => {
    expect(isMinor(birth, new Date(now))).toBe(minor);
  });

  it.each([
    [{ usedName: 'Joy', legalName: 'Blessing Okoro', aliases: [] }, 'Joy'],
    [{ usedName: ' ', legalName: 'Blessing Okoro', aliases: [] }, 'Blessing Okoro'],
    [{ usedName: null, legalName: null, aliases: ['', 'Lola'] }, 'Lola'],
    [{ usedName: null, legalName: null, aliases: [] }, 'PAR-2026-0001'],
  ])('display name %j → %s', (identity, expected) => {
    expect(displayName(identity, 'PAR-2026-0001')).toBe(expected);
  });
});

describe('people reminders (domain/psp.md lead times)', () => {
  const person = {
    id: 'p1',
    status: 'accompanied',
    referentId: 'w1',
    siteId: 's1',
    lastContactAt: new Date('2026-03-10T09:00:00Z'),
    createdAt: new Date('2025-01-02T10:00:00Z'),
  };
  const settings = { noContactDays: 30, retentionYears: 2 };
  const contact = { neverCall: true, hours: 'après 14 h' };

  it.each([
    ['last contact 10 March 2026', person, '2026-04-09', '2028-03-10'],
    ['no contact yet: from the opening', { ...person, lastContactAt: null }, '2025-02-01', '2027-01-02'],
    // 29 February + 2 years: the calendar clamps to 28 February.
    [
      'last contact on 29 February',
      { ...person, lastContactAt: new Date('2028-02-29T12:00:00Z') },
      '2028-03-30',
      '2030-02-28',
    ],
    // 23:30 UTC on 31 December is 1 January in Paris: the day counted is the Paris one.
    [
      'late-evening contact',
      { ...person, lastContactAt: new Date('2026-12-31T23:30:00Z') },
      '2027-01-31',
      '2029-01-01',
    ],
  ])('%s → check on %s, review on %s', (_case, p, check, review) => {
    const reminders = personReminders(p, settings, contact);
    expect(reminders.map((r) => [r.kind, r.dueOn])).toEqual([
      ['no_contact', check],
      ['retention_review', review],
    ]);
  });

  it('sends the check to the referent with the contact constraint, the review to the site coordinators', () => {
    const [check, review] = personReminders(person, settings, contact);
    expect(check.assignee).toEqual({ kind: 'referent', userId: 'w1', siteId: 's1' });
    expect(check.contact).toEqual(contact);
    expect(review.assignee).toEqual({ kind: 'role', role: 'coordinator', siteId: 's1' });
    expect(review.contact).toBeUndefined();
  });

  it.each([
    // [lead times, no-contact check, retention review] for the last contact of 10 March 2026.
    [{ noContactDays: 30, retentionYears: 2 }, '2026-04-09', '2028-03-10'],
    [{ noContactDays: 7, retentionYears: 2 }, '2026-03-17', '2028-03-10'],
    [{ noContactDays: 30, retentionYears: 1 }, '2026-04-09', '2027-03-10'],
    [{ noContactDays: 365, retentionYears: 5 }, '2027-03-10', '2031-03-10'],
  ])('with the lead times %j: check on %s, review on %s', (leadTimes, check, review) => {
    expect(personReminders(person, leadTimes, contact).map((r) => r.dueOn)).toEqual([check, review]);
  });

  it('follows the no-contact setting and drops the check on a closed file', () => {
    expect(personReminders(person, { ...settings, noContactDays: 45 }, contact)[0].dueOn).toBe('2026-04-24');
    expect(personReminders({ ...person, status: 'closed' }, settings, contact).map((r) => r.kind)).toEqual([
      'retention_review',
    ]);
  });
});
