import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allNavigationEntries } from '../navigation';

type Messages = { readonly [key: string]: string | Messages };

function load(language: string): Messages {
  return JSON.parse(readFileSync(join(__dirname, `${language}.json`), 'utf8')) as Messages;
}

/** Every leaf as [dotted key, value]; non-string leaves are reported as such. */
function leaves(messages: Messages, prefix = ''): Array<[string, unknown]> {
  return Object.entries(messages).flatMap(([key, value]): Array<[string, unknown]> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

const languages = ['fr', 'en'] as const;
const catalogues: Record<(typeof languages)[number], Map<string, unknown>> = {
  fr: new Map(leaves(load('fr'))),
  en: new Map(leaves(load('en'))),
};

describe('web UI translations', () => {
  it.each(languages)('%s has no empty or non-string message', (language) => {
    const bad = [...catalogues[language]].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it.each([
    ['fr', 'en'],
    ['en', 'fr'],
  ] as const)('every key in %s exists in %s', (from, to) => {
    const missing = [...catalogues[from].keys()].filter((key) => !catalogues[to].has(key));
    expect(missing).toEqual([]);
  });

  it.each(languages)('%s labels every navigation entry', (language) => {
    const missing = allNavigationEntries()
      .map((entry) => entry.labelKey)
      .filter((key) => !catalogues[language].has(key));
    expect(missing).toEqual([]);
  });

  it('writes French with its accents', () => {
    expect(catalogues['fr'].get('nav.status')).toBe('État du service');
    expect(catalogues['fr'].get('status.checks.database')).toBe('Base de données');
    expect(catalogues['fr'].get('status.state.up')).toBe('Disponible');
    expect(catalogues['fr'].get('status.state.down')).toBe('Indisponible');
    expect(catalogues['fr'].get('status.error.retry')).toBe('Réessayer');
  });
});
