import { displayName, formatFileNumber, isMinor, parisYear } from './people.rules';

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
