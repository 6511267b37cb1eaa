import type { OutreachTallies } from '@app/contracts';
import { compact, outreachProblems } from './outreach.rules';

const tallies = (t: Partial<OutreachTallies> = {}): OutreachTallies => ({
  peopleMet: 5,
  newContacts: 2,
  gender: { women: 5 },
  firstLanguage: { fr: 3 },
  materials: {},
  orientations: {},
  ...t,
});
const base = { heldOn: '2026-05-04', today: '2026-05-04', placeKind: 'street' as const, channel: null };

describe('outreachProblems', () => {
  it.each([
    ['a consistent street session', {}, []],
    ['more new contacts than met', { tallies: tallies({ newContacts: 6 }) }, ['tallies.newContacts']],
    ['more by gender than met', { tallies: tallies({ gender: { women: 4, men: 2 } }) }, ['tallies.gender']],
    ['more by language than met', { tallies: tallies({ firstLanguage: { ro: 6 } }) }, ['tallies.firstLanguage']],
    ['a date in the future', { heldOn: '2026-05-05' }, ['heldOn']],
    ['online without a channel', { placeKind: 'online' as const }, ['channel']],
    ['a channel in the street', { channel: 'messaging' as const }, ['channel']],
    ['online with its channel', { placeKind: 'online' as const, channel: 'messaging' as const }, []],
  ])('%s', (_label, change, fields) => {
    const problems = outreachProblems({ ...base, tallies: tallies(), ...change });
    expect(problems.map((p) => p.field)).toEqual(fields);
  });

  it('keeps only positive counts', () => {
    expect(compact({ women: 0, men: 2 })).toEqual({ men: 2 });
    expect(compact(undefined)).toEqual({});
  });
});
