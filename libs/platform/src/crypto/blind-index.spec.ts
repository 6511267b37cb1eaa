import { generateKeyFileJson, Keys } from '../keys/key-file';
import { blindTokens, blindValue, normalisePhone, normaliseTokens } from './blind-index';

describe('normaliseTokens', () => {
  it.each<[string, string, string[]]>([
    ['empty input', '', []],
    ['only separators', "  - ' ’ —  ", []],
    ['lower case', 'DUPONT Marie', ['dupont', 'marie']],
    ['accents stripped', 'Éloïse Lefèvre-Müller', ['eloise', 'lefevre', 'muller']],
    ['cedilla, Romanian comma below, Albanian ë', 'François Ștefănescu Hysë', ['francois', 'stefanescu', 'hyse']],
    ['precomposed and decomposed forms agree', 'Jose\u0301 Jos\u00e9', ['jose', 'jose']],
    ['hyphenated first name', 'Jean-Pierre', ['jean', 'pierre']],
    ['other dashes', 'Anne–Marie — Sophie‑Laure', ['anne', 'marie', 'sophie', 'laure']],
    ['straight apostrophe', "D'Artagnan", ['d', 'artagnan']],
    ['typographic apostrophe', 'D’Artagnan', ['d', 'artagnan']],
    ['modifier-letter apostrophe and left quote', 'Oʼneil O‘Brien', ['o', 'neil', 'o', 'brien']],
    ['multiple spaces, tabs, new lines', '  Marie \t\n  Curie  ', ['marie', 'curie']],
    ['no-break and thin spaces', 'Marie\u00a0Curie\u2009Sklodowska', ['marie', 'curie', 'sklodowska']],
    ['ligatures œ and æ folded (NFKD keeps them whole)', 'Lœuilly LÆTITIA Cœur', ['loeuilly', 'laetitia', 'coeur']],
    ['ß, ø, ł, đ, ı folded', 'Strauß Søren Łukasz Đorđe Yıldız', ['strauss', 'soren', 'lukasz', 'dorde', 'yildiz']],
    ['Turkish dotted capital I', 'İpek', ['ipek']],
    ['compatibility forms (NFKD)', 'ﬁlippo Ｍａｒｉｅ', ['filippo', 'marie']],
    ['soft hyphen and zero-width characters dropped', 'Ma\u00adrie Jo\u200bhn', ['marie', 'john']],
    ['Arabic kept, vowel marks stripped', 'مُحَمَّد  علي', ['محمد', 'علي']],
    ['Cyrillic kept and lower-cased', 'Наталья ИВАНОВА', ['наталья', 'иванова']],
    ['Chinese kept as one token per part', '王小明 李', ['王小明', '李']],
    ['other punctuation stays in its token', 'J. Dupont', ['j.', 'dupont']],
    ['duplicates kept (blindTokens dedupes)', 'Marie Marie', ['marie', 'marie']],
  ])('%s', (_label, input, expected) => {
    expect(normaliseTokens(input)).toEqual(expected);
  });
});

describe('normalisePhone', () => {
  it.each<[string, string]>([
    ['+33 6 12 34 56 78', '0612345678'],
    ['06.12.34.56.78', '0612345678'],
    ['06 12 34 56 78', '0612345678'],
    ['0033 6 12 34 56 78', '0612345678'],
    ['+33 (0)6 12 34 56 78', '0612345678'],
    ['+33612345678', '0612345678'],
    ['  06-12-34-56-78 ', '0612345678'],
    ['＋３３ ６ １２ ３４ ５６ ７８', '0612345678'],
    ['+262 692 12 34 56', '0692123456'],
    ['+590 590 12 34 56', '0590123456'],
    ['+44 20 7946 0958', '00442079460958'],
    ['0044 20 7946 0958', '00442079460958'],
    ['no digits', ''],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });
});

describe('blindTokens', () => {
  const keys = Keys.fromJson(generateKeyFileJson('k1'));
  const a = '6f1f7a52-1b7e-4a53-9d1b-0a6f1c2d3e4f';
  const b = '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8';

  it('gives the same tokens for spellings that normalise alike, 32 hex characters each', () => {
    const tokens = blindTokens(keys, a, 'name', 'Éloïse LEFÈVRE');
    expect(tokens).toEqual(blindTokens(keys, a, 'name', '  eloise   lefevre '));
    expect(tokens).toHaveLength(2);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{32}$/);
  });

  it('deduplicates, keeping the first-appearance order', () => {
    const [marie, curie] = blindTokens(keys, a, 'name', 'Marie Curie');
    expect(blindTokens(keys, a, 'name', 'Marie marie Curie MARIE')).toEqual([marie, curie]);
  });

  it('differs by association, by purpose and by key file', () => {
    const other = Keys.fromJson(generateKeyFileJson('k1'));
    const base = blindTokens(keys, a, 'name', 'Dupont');
    expect(blindTokens(keys, b, 'name', 'Dupont')).not.toEqual(base);
    expect(blindTokens(keys, a, 'alias', 'Dupont')).not.toEqual(base);
    expect(blindTokens(other, a, 'name', 'Dupont')).not.toEqual(base);
    expect(blindTokens(keys, a.toUpperCase(), 'name', 'Dupont')).toEqual(base);
  });

  it('matches phone numbers written differently once normalised', () => {
    const typed = blindTokens(keys, a, 'phone', normalisePhone('+33 6 12 34 56 78'));
    expect(typed).toHaveLength(1);
    expect(blindTokens(keys, a, 'phone', normalisePhone('06.12.34.56.78'))).toEqual(typed);
    expect(blindValue(keys, a, 'phone', '0612345678')).toBe(typed[0]);
  });

  it('gives nothing for an empty text, and refuses odd purposes and association ids', () => {
    expect(blindTokens(keys, a, 'name', ' - ')).toEqual([]);
    expect(() => blindTokens(keys, a, 'Name!', 'x')).toThrow(RangeError);
    expect(() => blindTokens(keys, 'not-a-uuid', 'name', 'x')).toThrow('not a uuid');
  });

  it('never shows the clear token', () => {
    const tokens = blindTokens(keys, a, 'name', 'canaryname');
    expect(tokens.join('')).not.toContain('canary');
  });
});
