import { digestDay, parisHour, reminderDigestMail } from './digest';

describe('reminder digest rules', () => {
  it('reads the hour in Paris, summer and winter time', () => {
    expect(parisHour(new Date('2026-11-27T05:59:00Z'))).toBe(6);
    expect(parisHour(new Date('2026-11-27T06:00:00Z'))).toBe(7);
    expect(parisHour(new Date('2026-07-01T05:00:00Z'))).toBe(7);
    expect(parisHour(new Date('2026-11-27T23:30:00Z'))).toBe(0);
  });

  it('turns the payload day into a date and refuses anything else', () => {
    expect(digestDay(20261127)).toBe('2026-11-27');
    expect(() => digestDay(2026112)).toThrow('day');
    expect(() => digestDay(1.5)).toThrow('day');
  });

  it('writes counts and a link, French first, and nothing else', () => {
    const mail = reminderDigestMail('a@b.test', '2026-11-27', { overdue: 2, today: 1 }, 'https://envol.example.org/');
    expect(mail.to).toBe('a@b.test');
    expect(mail.text.indexOf('Vos rappels')).toBeLessThan(mail.text.indexOf('Your Envol reminders'));
    expect(mail.text).toContain('2 en retard, 1 pour aujourd’hui');
    expect(mail.text).toContain('2 overdue, 1 due today');
    expect(mail.text).toContain('https://envol.example.org/reminders\n');
    expect(mail.text).not.toContain('//reminders');
  });
});
