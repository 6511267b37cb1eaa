import { expiryTone, formatBytes, previewKind, tallyProblems, uploadProblems, parisToday } from './documents';

describe('document, referral and outreach helpers', () => {
  it.each([
    ['expired', 'negative'],
    ['soon', 'warning'],
    ['valid', 'positive'],
    ['none', 'neutral'],
  ] as const)('shows %s as %s', (state, tone) => {
    expect(expiryTone(state)).toBe(tone);
  });

  it('formats sizes in French and English', () => {
    expect(formatBytes(512, 'fr')).toBe('512 o');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024, 'fr')).toBe('3 Mo');
  });

  it('previews images and PDFs only', () => {
    expect(previewKind({ mediaType: 'image/png' })).toBe('image');
    expect(previewKind({ mediaType: 'application/pdf' })).toBe('pdf');
    expect(previewKind({ mediaType: 'image/heic' })).toBeNull();
  });

  it('checks an upload before sending it', () => {
    expect(uploadProblems({ file: null, issuedOn: '', expiresOn: '' })).toEqual(['noFile']);
    const big = { size: 21 * 1024 * 1024 } as File;
    expect(uploadProblems({ file: big, issuedOn: '2026-02-01', expiresOn: '2026-01-01' })).toEqual([
      'tooLarge',
      'datesInverted',
    ]);
  });

  it('says which tallies do not add up', () => {
    expect(tallyProblems({ peopleMet: 3, newContacts: 4, gender: { women: 4 }, firstLanguage: { fr: 1 } })).toEqual([
      'newContactsOverMet',
      'genderOverMet',
    ]);
    expect(tallyProblems({ peopleMet: 3, newContacts: 1 })).toEqual([]);
  });

  it('gives the Paris date of an instant', () => {
    expect(parisToday(new Date('2026-05-04T22:30:00Z'))).toBe('2026-05-05');
  });
});
