import { checkRight, RightRuleCode, situationOn, type RightFacts } from './rights.rules';
import { afisAmountCents, DEFAULT_PATHWAY_SETTINGS } from './pathway.settings';

const right = (over: Partial<RightFacts>): RightFacts => ({
  kind: 'housing',
  status: 'current',
  situation: 'chrs',
  requestedOn: null,
  startsOn: '2026-01-01',
  endsOn: null,
  receiptUntil: null,
  refusalReason: null,
  ...over,
});

describe('rights', () => {
  it.each([
    [{}, null],
    [{ status: 'granted' }, RightRuleCode.StatusNotAllowed],
    [{ situation: null }, RightRuleCode.SituationRequired],
    [{ startsOn: '2026-02-30' }, RightRuleCode.InvalidDate],
    [{ endsOn: '2025-12-31' }, RightRuleCode.EndBeforeStart],
    [{ startsOn: null }, RightRuleCode.DateRequired],
    [{ kind: 'residence_permit', status: 'issued', situation: null, endsOn: '2026-06-30' }, null],
    [
      { kind: 'residence_permit', status: 'issued', situation: 'chrs', endsOn: '2026-06-30' },
      RightRuleCode.FieldNotApplicable,
    ],
    [{ kind: 'residence_permit', status: 'issued', situation: null }, RightRuleCode.DateRequired],
    [
      { kind: 'residence_permit', status: 'renewing', situation: null, endsOn: '2026-06-30' },
      RightRuleCode.DateRequired,
    ],
    [
      { kind: 'income_support', status: 'refused', situation: null, startsOn: null },
      RightRuleCode.RefusalReasonRequired,
    ],
    [
      { kind: 'income_support', status: 'refused', situation: null, startsOn: null, refusalReason: 'other_income' },
      null,
    ],
    [
      { kind: 'income_support', status: 'granted', situation: null, refusalReason: 'other' },
      RightRuleCode.FieldNotApplicable,
    ],
    [{ kind: 'income_support', status: 'requested', situation: null, startsOn: null }, RightRuleCode.DateRequired],
    [
      { kind: 'income_support', status: 'granted', situation: null, requestedOn: '2026-02-01' },
      RightRuleCode.StartBeforeRequest,
    ],
    [{ receiptUntil: '2026-05-01' }, RightRuleCode.FieldNotApplicable],
  ] as [Partial<RightFacts>, RightRuleCode | null][])('%j → %s', (over, expected) => {
    expect(checkRight(right(over))?.code ?? null).toBe(expected);
  });

  it('AFIS amount: the base plus the amount per child, from the settings', () => {
    expect(afisAmountCents(DEFAULT_PATHWAY_SETTINGS, 0)).toBe(34320);
    expect(afisAmountCents(DEFAULT_PATHWAY_SETTINGS, 2)).toBe(34320 + 2 * 10608);
  });

  it('a situation snapshot takes what is in force that day', () => {
    const rights = [
      right({ situation: 'street', startsOn: '2025-01-01', status: 'ended', endsOn: '2025-12-31' }),
      right({ situation: 'chrs', startsOn: '2026-01-01' }),
      right({ kind: 'employment', situation: 'training', startsOn: '2026-02-01' }),
      right({ kind: 'income_support', status: 'granted', situation: null, startsOn: '2026-01-15' }),
      right({ kind: 'other_income', situation: 'salary', startsOn: '2026-05-01' }),
      right({
        kind: 'residence_permit',
        status: 'issued',
        situation: null,
        startsOn: '2026-01-10',
        endsOn: '2026-07-09',
      }),
    ];
    expect(situationOn(rights, '2025-06-01', 'entry')).toEqual({
      moment: 'entry',
      takenOn: '2025-06-01',
      housing: null,
      income: [],
      employment: null,
      permit: null,
    });
    expect(situationOn(rights, '2026-06-01', 'exit')).toEqual({
      moment: 'exit',
      takenOn: '2026-06-01',
      housing: 'chrs',
      income: ['afis', 'salary'],
      employment: 'training',
      permit: 'aps',
    });
    expect(situationOn(rights, '2026-07-10', 'exit').permit).toBeNull();
  });
});
