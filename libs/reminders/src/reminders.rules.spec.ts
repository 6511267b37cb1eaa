import {
  addDaysIso,
  bucketOf,
  effectiveDay,
  parisDay,
  planUpsert,
  type ExistingReminder,
  type ReminderInput,
} from './reminders.rules';

const input = (key: string, dueOn: string): ReminderInput => ({
  key,
  kind: key.split(':')[0],
  dueOn,
  assignee: { kind: 'referent', userId: 'u1', siteId: 's1' },
});
const existing = (id: string, key: string, status: ExistingReminder['status'], dueOn: string): ExistingReminder => ({
  id,
  key,
  status,
  dueOn,
});

describe('planUpsert', () => {
  it.each([
    // [case, existing, incoming, expected { insert keys, replace ids, refresh ids, cancel ids }]
    [
      'nothing stored: every reminder is raised',
      [],
      [input('a', '2026-03-01')],
      { insert: ['a'], replace: [], refresh: [], cancel: [] },
    ],
    [
      'pending, same date: kept (assignee refreshed)',
      [existing('1', 'a', 'pending', '2026-03-01')],
      [input('a', '2026-03-01')],
      { insert: [], replace: [], refresh: ['1'], cancel: [] },
    ],
    [
      'pending, date moved: replaced in place',
      [existing('1', 'a', 'pending', '2026-03-01')],
      [input('a', '2026-04-01')],
      { insert: [], replace: ['1'], refresh: [], cancel: [] },
    ],
    [
      'snoozed, same date: replaced (the snooze ends with the new hand-over)',
      [existing('1', 'a', 'snoozed', '2026-03-01')],
      [input('a', '2026-03-01')],
      { insert: [], replace: ['1'], refresh: [], cancel: [] },
    ],
    [
      'notified, same date: kept',
      [existing('1', 'a', 'notified', '2026-03-01')],
      [input('a', '2026-03-01')],
      { insert: [], replace: [], refresh: ['1'], cancel: [] },
    ],
    [
      'notified, date moved: cancelled and raised again',
      [existing('1', 'a', 'notified', '2026-03-01')],
      [input('a', '2026-05-01')],
      { insert: ['a'], replace: [], refresh: [], cancel: ['1'] },
    ],
    [
      'done: stays done, even when the date moved',
      [existing('1', 'a', 'done', '2026-03-01')],
      [input('a', '2026-05-01')],
      { insert: [], replace: [], refresh: [], cancel: [] },
    ],
    [
      'cancelled earlier: raised anew',
      [existing('1', 'a', 'cancelled', '2026-03-01')],
      [input('a', '2026-03-01')],
      { insert: ['a'], replace: [], refresh: [], cancel: [] },
    ],
    [
      'no longer asked for: open ones cancelled, done ones kept',
      [
        existing('1', 'a', 'pending', '2026-03-01'),
        existing('2', 'b', 'notified', '2026-03-01'),
        existing('3', 'c', 'snoozed', '2026-03-01'),
        existing('4', 'd', 'done', '2026-03-01'),
      ],
      [],
      { insert: [], replace: [], refresh: [], cancel: ['1', '2', '3'] },
    ],
    [
      'a done one and a newer open one of the same key: the open one moves',
      [existing('1', 'a', 'done', '2026-03-01'), existing('2', 'a', 'pending', '2026-06-01')],
      [input('a', '2026-07-01')],
      { insert: [], replace: ['2'], refresh: [], cancel: [] },
    ],
  ])('%s', (_case, stored, incoming, expected) => {
    const plan = planUpsert(stored, incoming);
    expect({
      insert: plan.insert.map((r) => r.key),
      replace: plan.replace.map((r) => r.id),
      refresh: plan.refresh.map((r) => r.id),
      cancel: plan.cancel.sort(),
    }).toEqual(expected);
  });

  it('refuses two reminders with one key', () => {
    expect(() => planUpsert([], [input('a', '2026-03-01'), input('a', '2026-04-01')])).toThrow(RangeError);
  });
});

describe('buckets', () => {
  it.each([
    ['2026-11-26', 'overdue'],
    ['2026-11-27', 'today'],
    ['2026-11-28', 'week'],
    ['2026-12-04', 'week'],
    ['2026-12-05', 'later'],
  ])('%s seen on 2026-11-27 is %s', (day, bucket) => {
    expect(bucketOf(day, '2026-11-27')).toBe(bucket);
  });

  it('reads a snoozed reminder at its snooze date', () => {
    expect(effectiveDay({ status: 'snoozed', dueOn: '2026-01-01', snoozedUntil: '2026-02-01' })).toBe('2026-02-01');
    expect(effectiveDay({ status: 'pending', dueOn: '2026-01-01', snoozedUntil: null })).toBe('2026-01-01');
  });

  it('counts days on the Paris calendar', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(parisDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(addDaysIso('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysIso('2027-02-28', 1)).toBe('2027-03-01');
  });
});
