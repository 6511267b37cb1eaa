import { agendaWindow } from './agenda';

describe('agendaWindow', () => {
  it.each<[string, 'day' | 'week', string, string, number]>([
    ['a Wednesday, week', 'week', '2026-05-04', '2026-05-11', 7],
    ['a Monday, week', 'week', '2026-05-04', '2026-05-11', 7],
    ['a Sunday, week', 'week', '2026-05-04', '2026-05-11', 7],
    ['a Wednesday, day', 'day', '2026-05-06', '2026-05-07', 1],
  ])('%s', (label, view, from, to, days) => {
    const anchor = {
      'a Wednesday, week': new Date(2026, 4, 6, 15, 30),
      'a Monday, week': new Date(2026, 4, 4, 0, 0),
      'a Sunday, week': new Date(2026, 4, 10, 23, 59),
      'a Wednesday, day': new Date(2026, 4, 6, 15, 30),
    }[label]!;
    const window = agendaWindow(anchor, view);
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(day(window.from)).toBe(from);
    expect(day(window.to)).toBe(to);
    expect(window.days).toHaveLength(days);
    expect(window.from.getHours()).toBe(0);
  });
});
