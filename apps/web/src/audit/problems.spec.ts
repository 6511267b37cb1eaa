import { createInstance, type i18n as I18n } from 'i18next';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { describeProblem, type ProblemKind, type VerificationProblem } from './problems';

describe('describeProblem', () => {
  it('places an entry when the report says where', () => {
    expect(describeProblem({ kind: 'altered', seal: 4, position: 12, entryId: '123' })).toEqual({
      key: 'verification.problems.altered.placed',
      values: { seal: 4, position: 12, entryId: '123' },
    });
  });

  it('names the entry alone when it has no position (an inserted entry)', () => {
    expect(describeProblem({ kind: 'inserted', seal: 2, entryId: '77' })).toEqual({
      key: 'verification.problems.inserted.entry',
      values: { seal: 2, entryId: '77' },
    });
  });

  it('falls back to the seal when the entry is not named', () => {
    expect(describeProblem({ kind: 'missing', seal: 3 })).toEqual({
      key: 'verification.problems.missing.seal',
      values: { seal: 3 },
    });
  });

  it.each(['seal_altered', 'chain_broken'] as const)('describes %s by its seal', (kind) => {
    expect(describeProblem({ kind, seal: 5, position: 1, entryId: '9' })).toEqual({
      key: `verification.problems.${kind}`,
      values: { seal: 5 },
    });
  });

  it('still says something about a kind it does not know', () => {
    const problem = { kind: 'rewritten', seal: 1 } as unknown as VerificationProblem;
    expect(describeProblem(problem)).toEqual({ key: 'verification.problems.unknown', values: { seal: 1 } });
  });

  describe('in words', () => {
    const instances: Record<'fr' | 'en', I18n> = { fr: createInstance(), en: createInstance() };
    beforeAll(async () => {
      await instances.fr.init({ lng: 'fr', resources: { fr: { translation: fr } } });
      await instances.en.init({ lng: 'en', resources: { en: { translation: en } } });
    });
    const say = (language: 'fr' | 'en', problem: VerificationProblem): string => {
      const message = describeProblem(problem);
      return instances[language].t(message.key, message.values);
    };

    it('says "Entrée 123 modifiée (sceau 4, position 12)"', () => {
      expect(say('fr', { kind: 'altered', seal: 4, position: 12, entryId: '123' })).toBe(
        'Entrée 123 modifiée (sceau 4, position 12)',
      );
      expect(say('en', { kind: 'altered', seal: 4, position: 12, entryId: '123' })).toBe(
        'Entry 123 altered (seal 4, position 12)',
      );
    });

    const kinds: ProblemKind[] = ['altered', 'missing', 'inserted', 'swapped', 'seal_altered', 'chain_broken'];
    const shapes: VerificationProblem[] = kinds.flatMap((kind) => [
      { kind, seal: 1, position: 2, entryId: '3' },
      { kind, seal: 1, entryId: '3' },
      { kind, seal: 1 },
    ]);

    it.each(['fr', 'en'] as const)(
      'has a %s sentence for every kind and shape, with no placeholder left',
      (language) => {
        for (const problem of shapes) {
          const message = describeProblem(problem);
          expect(instances[language].exists(message.key)).toBe(true);
          expect(say(language, problem)).not.toMatch(/{{|}}/);
        }
      },
    );
  });
});
