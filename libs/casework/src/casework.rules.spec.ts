import type { Attendee, Confidentiality, JournalEventType } from '@app/contracts';
import {
  appointmentReminders,
  isContact,
  mayReadNote,
  nextLastContact,
  occursInFuture,
  validAgendaRange,
} from './casework.rules';

describe('isContact', () => {
  it.each<[JournalEventType, Attendee[], boolean]>([
    ['interview', ['person'], true],
    ['interview', ['partner'], false],
    ['phone_call', ['person'], true],
    ['phone_call', ['partner'], false],
    ['accompaniment', ['person', 'interpreter'], true],
    ['premises_visit', ['person'], true],
    ['safety_incident', ['person'], true],
    ['administrative_step', ['person'], false],
    ['orientation', ['person'], false],
    ['complaint_filed', ['person'], false],
    ['other', ['person'], false],
  ])('%s with %j: %s', (type, attendees, expected) => {
    expect(isContact(type, attendees)).toBe(expected);
  });
});

describe('nextLastContact', () => {
  const now = new Date('2026-05-04T12:00:00Z');
  const earlier = new Date('2026-05-01T10:00:00Z');
  const later = new Date('2026-05-03T10:00:00Z');
  it.each<[string, Date | null, Date, Date | null]>([
    ['first contact', null, earlier, earlier],
    ['a later contact moves it', earlier, later, later],
    ['an older note leaves it', later, earlier, later],
    ['a future instant never counts', earlier, new Date('2026-05-05T00:00:00Z'), earlier],
    ['a future instant on an empty file', null, new Date('2026-05-05T00:00:00Z'), null],
  ])('%s', (_label, current, occurred, expected) => {
    expect(nextLastContact(current, occurred, now)).toEqual(expected);
  });
});

describe('occursInFuture', () => {
  const now = new Date('2026-05-04T12:00:00Z');
  it.each<[number, boolean]>([
    [-86_400_000, false],
    [0, false],
    [4 * 60_000, false],
    [5 * 60_000, false],
    [5 * 60_000 + 1, true],
    [86_400_000, true],
  ])('%i ms ahead: %s', (offset, expected) => {
    expect(occursInFuture(new Date(now.getTime() + offset), now)).toBe(expected);
  });
});

describe('mayReadNote', () => {
  const author = 'author';
  type Reader = { userId: string; isReferent: boolean; seesFile: boolean };
  const teamMate: Reader = { userId: 'mate', isReferent: false, seesFile: true };
  const referent: Reader = { userId: 'ref', isReferent: true, seesFile: true };
  const coordinator: Reader = { userId: 'coord', isReferent: false, seesFile: true };
  const outsider: Reader = { userId: 'out', isReferent: false, seesFile: false };
  const self: Reader = { userId: author, isReferent: false, seesFile: true };
  it.each<[Confidentiality, Reader, boolean]>([
    ['team', teamMate, true],
    ['team', referent, true],
    ['team', coordinator, true],
    ['team', outsider, false],
    ['team', self, true],
    ['referent', teamMate, false],
    ['referent', coordinator, false],
    ['referent', referent, true],
    ['referent', self, true],
    ['author', referent, false],
    ['author', coordinator, false],
    ['author', teamMate, false],
    ['author', self, true],
    ['author', { ...self, seesFile: false }, false],
  ])('%s note read by %j: %s', (confidentiality, reader, expected) => {
    expect(mayReadNote({ confidentiality, authorId: author }, reader)).toBe(expected);
  });
});

describe('validAgendaRange', () => {
  const from = new Date('2026-05-04T00:00:00Z');
  it.each<[number, boolean]>([
    [-1, false],
    [0, false],
    [86_400_000, true],
    [7 * 86_400_000, true],
    [62 * 86_400_000, true],
    [62 * 86_400_000 + 1, false],
  ])('%i ms: %s', (span, expected) => {
    expect(validAgendaRange(from, new Date(from.getTime() + span))).toBe(expected);
  });
});

describe('appointment reminder (domain/psp.md: 1 day before, an association setting)', () => {
  const person = { referentId: 'w1', siteId: 's1' };
  it.each([
    // 09:00 in Paris on 3 March: due on 2 March.
    ['2027-03-03T08:00:00Z', '2027-03-02', '2027-03-03'],
    // 23:30 UTC on 31 December is 1 January in Paris: due on 31 December.
    ['2026-12-31T23:30:00Z', '2026-12-31', '2027-01-01'],
    // 1 March in a leap year: due on 29 February.
    ['2028-03-01T10:00:00Z', '2028-02-29', '2028-03-01'],
  ])('an appointment at %s is due on %s', (at, due, day) => {
    expect(appointmentReminders({ personId: 'p1', startsAt: new Date(at), status: 'planned' }, person, 1)).toEqual([
      {
        key: 'appointment',
        kind: 'appointment',
        dueOn: due,
        deadlineOn: day,
        personId: 'p1',
        assignee: { kind: 'referent', userId: 'w1', siteId: 's1' },
      },
    ]);
  });

  it.each(['done', 'missed', 'cancelled'])('a %s appointment reminds no one', (status) => {
    expect(appointmentReminders({ personId: 'p1', startsAt: new Date(), status }, person, 1)).toEqual([]);
  });

  it.each([
    // 09:00 in Paris on 3 March 2027, with the association's lead time.
    [0, '2027-03-03'],
    [1, '2027-03-02'],
    [3, '2027-02-28'],
    [30, '2027-02-01'],
  ])('with a lead of %i day(s), an appointment on 3 March is due on %s', (lead, due) => {
    const [reminder] = appointmentReminders(
      { personId: 'p1', startsAt: new Date('2027-03-03T08:00:00Z'), status: 'planned' },
      person,
      lead,
    );
    expect([reminder.dueOn, reminder.deadlineOn]).toEqual([due, '2027-03-03']);
  });
});
