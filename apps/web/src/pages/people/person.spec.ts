import { checkDraft, duplicateFileNumbers, emptyDraft, normalizeDraft, sameDraft } from './person';

describe('person drafts', () => {
  it('asks for a name and accepts a used name alone', () => {
    expect(checkDraft(emptyDraft())).toEqual({ usedName: 'nameRequired' });
    const draft = emptyDraft();
    expect(checkDraft({ ...draft, identity: { ...draft.identity, usedName: 'Awa' } })).toEqual({});
  });

  it('refuses what the API would refuse', () => {
    const draft = emptyDraft();
    const problems = checkDraft({
      ...draft,
      identity: { ...draft.identity, legalName: 'Awa', email: 'nope', phones: ['abc'], birthDate: '1795-01-01' },
      attributes: { ...draft.attributes, birthYear: 1850, departement: '96', languages: ['French'] },
    });
    expect(problems).toEqual({
      email: 'email',
      phones: 'phone',
      birthDate: 'birthDate',
      birthYear: 'birthYear',
      departement: 'departement',
      languages: 'language',
    });
  });

  it('sends blank texts as null and trims the others', () => {
    const draft = emptyDraft();
    const normalized = normalizeDraft({
      ...draft,
      identity: { ...draft.identity, usedName: '  Awa ', email: '  ' },
      safeContact: { ...draft.safeContact, hours: '' },
    });
    expect(normalized.identity.usedName).toBe('Awa');
    expect(normalized.identity.email).toBeNull();
    expect(normalized.safeContact.hours).toBeNull();
    expect(sameDraft(normalized, normalizeDraft(normalized))).toBe(true);
  });

  it('reads the file numbers a duplicate warning names', () => {
    expect(duplicateFileNumbers([{ field: 'fileNumber', code: 'PAR-2026-0003' }, { code: 'other' }])).toEqual([
      'PAR-2026-0003',
    ]);
  });
});
