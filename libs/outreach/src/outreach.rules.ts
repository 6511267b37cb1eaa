import type { OutreachChannel, OutreachPlaceKind, OutreachTallies } from '@app/contracts';

export interface TallyProblem {
  field: string;
  code: string;
}

const sum = (counts: Partial<Record<string, number>> = {}) =>
  Object.values(counts).reduce<number>((total, n) => total + (n ?? 0), 0);

/**
 * Counts that cannot all be true at once: more new contacts than people met, more people by gender
 * or by first language than people met, an online session without its channel or a street session
 * with one, a date in the future.
 */
export function outreachProblems(input: {
  heldOn: string;
  today: string;
  placeKind: OutreachPlaceKind;
  channel: OutreachChannel | null;
  tallies: OutreachTallies;
}): TallyProblem[] {
  const { tallies } = input;
  const problems: TallyProblem[] = [];
  if (input.heldOn > input.today) problems.push({ field: 'heldOn', code: 'inFuture' });
  if (input.placeKind === 'online' && !input.channel) problems.push({ field: 'channel', code: 'requiredOnline' });
  if (input.placeKind !== 'online' && input.channel) problems.push({ field: 'channel', code: 'onlyOnline' });
  if (tallies.newContacts > tallies.peopleMet) problems.push({ field: 'tallies.newContacts', code: 'moreThanMet' });
  if (sum(tallies.gender) > tallies.peopleMet) problems.push({ field: 'tallies.gender', code: 'moreThanMet' });
  if (sum(tallies.firstLanguage) > tallies.peopleMet)
    problems.push({ field: 'tallies.firstLanguage', code: 'moreThanMet' });
  return problems;
}

/** Keeps only positive counts (a zero says nothing and costs a key). */
export function compact(counts: Partial<Record<string, number>> = {}): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => typeof n === 'number' && n > 0)) as Record<
    string,
    number
  >;
}
