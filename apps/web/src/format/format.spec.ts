import { formatCount, formatDateTime, formatLongDateTime, localeOf, shortId } from './format';

describe('localeOf', () => {
  it.each([
    ['fr', 'fr-FR'],
    ['en', 'en-GB'],
    ['en-US', 'en-GB'],
    ['de', 'fr-FR'],
  ])('maps %s to %s', (language, locale) => {
    expect(localeOf(language)).toBe(locale);
  });
});

describe('formatDateTime', () => {
  it('shows the Paris hour in summer (UTC+2) and in winter (UTC+1)', () => {
    expect(formatDateTime('2026-07-14T08:05:09Z', 'fr')).toBe('14/07/2026 10:05:09');
    expect(formatDateTime('2026-01-31T23:30:00Z', 'fr')).toBe('01/02/2026 00:30:00');
  });

  it('keeps the day-month order in English', () => {
    expect(formatDateTime('2026-07-14T08:05:09Z', 'en')).toBe('14/07/2026, 10:05:09');
  });

  it('gives back what it cannot read', () => {
    expect(formatDateTime('not a date', 'fr')).toBe('not a date');
  });
});

describe('formatLongDateTime', () => {
  it('writes the month in words', () => {
    expect(formatLongDateTime('2026-05-03T12:00:00Z', 'fr')).toBe('3 mai 2026 à 14:00');
    expect(formatLongDateTime('2026-05-03T12:00:00Z', 'en')).toBe('3 May 2026 at 14:00');
  });
});

describe('formatCount', () => {
  it('groups thousands the local way', () => {
    expect(formatCount(1234567, 'fr').replace(/\s/g, ' ')).toBe('1 234 567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
  });
});

describe('shortId', () => {
  it('keeps the first 8 characters of a long id', () => {
    expect(shortId('0b6c4f1e-1111-4222-8333-444455556666')).toBe('0b6c4f1e…');
  });

  it('keeps a short id whole', () => {
    expect(shortId('123')).toBe('123');
    expect(shortId('12345678')).toBe('12345678');
  });
});
