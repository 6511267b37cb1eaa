import { createHmac, hkdfSync } from 'node:crypto';
import type { Keys } from '../keys/key-file';
import { associationKey } from './field-envelope';

/**
 * Keyed blind indexes for exact-match search over encrypted identity (DESIGN.md decision 3): a
 * name is cut into normalised tokens, each stored as a truncated HMAC under a key derived per
 * association and purpose, so equal names in two associations give unrelated tokens and a dump
 * shows neither names nor which persons of different associations share one. A search asks for
 * every query token to match.
 */

/**
 * Letters NFKD leaves whole although French users type them in plain Latin: the ligatures of
 * French names (Lœuilly, Lætitia), German ß, and the Nordic, Polish, Croatian and Turkish letters
 * of names met in the field (Søren, Łukasz, Đorđe, Yıldız). Applied after lower-casing.
 */
const FOLDED: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};
const FOLDED_LETTERS = new RegExp(`[${Object.keys(FOLDED).join('')}]`, 'gu');

// Spaces (any Unicode white space), hyphens and dashes (\p{Pd}: - ‐ ‑ – — …), and apostrophes:
// ' and ’, with ‘ and ʼ that keyboards and word processors put in their place.
const SEPARATORS = /[\s\p{Pd}'’‘ʼ]+/u;

/**
 * Normalised search tokens of a name (DESIGN.md decision 3): NFKD, accents (non-spacing marks)
 * stripped, lower case, split on spaces, hyphens and apostrophes, empty tokens dropped. Also
 * dropped: invisible format characters (soft hyphen, zero-width joiners), and the letters above are
 * folded to their usual Latin spelling. Other punctuation stays inside its token. Scripts without
 * spaces between names (Chinese) give one token per space-separated part.
 */
export function normaliseTokens(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD') // lower-casing can compose again (İ → i̇)
    .replace(/[\p{Mn}\p{Cf}]/gu, '')
    .replace(FOLDED_LETTERS, (letter) => FOLDED[letter] ?? letter);
  return folded.split(SEPARATORS).filter((token) => token.length > 0);
}

// French overseas départements dial their numbers nationally with a 0 too (+262 692… = 0692…).
const FRENCH_COUNTRY_CODES = ['33', '262', '590', '594', '596'];

/**
 * A phone number as digits in French national form: "+33 6 12 34 56 78", "0033 6 12 34 56 78",
 * "+33 (0)6 12 34 56 78" and "06.12.34.56.78" all give "0612345678"; other international numbers
 * keep their 00 prefix. Empty when the text has no digit.
 */
export function normalisePhone(text: string): string {
  const trimmed = text.normalize('NFKD').trim();
  let digits = trimmed.replace(/[^0-9]/g, '');
  if (digits.length === 0) return '';
  if (trimmed.startsWith('+')) digits = `00${digits}`;
  for (const code of FRENCH_COUNTRY_CODES) {
    if (!digits.startsWith(`00${code}`)) continue;
    let national = digits.slice(2 + code.length);
    // "+33 (0)6 …": the trunk 0 written in brackets after the country code.
    if (national.length === 10 && national.startsWith('0')) national = national.slice(1);
    // Overseas numbers keep the département's digits: +262 692… → 0692…
    return `0${national}`;
  }
  return digits;
}

const TOKEN_HEX = 32; // 128 bits: collisions stay negligible, and tokens stay short in the index

function purposeKey(keys: Keys, associationId: string, purpose: string): Buffer {
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(purpose)) throw new RangeError('Invalid blind-index purpose');
  const info = `envol/blind-index/v1/${associationKey(associationId)}/${purpose}`;
  return Buffer.from(hkdfSync('sha256', keys.blindIndexKey, Buffer.alloc(0), info, 32));
}

/** The blind-index token of one value already normalised (an email in lower case, a phone…). */
export function blindValue(keys: Keys, associationId: string, purpose: string, value: string): string {
  return blindAll(purposeKey(keys, associationId, purpose), [value])[0];
}

/**
 * The distinct blind-index tokens of `text` for one association and purpose ('name', 'phone' …),
 * in the order of first appearance; `[]` when the text has no token. A phone number goes through
 * `normalisePhone` first: `blindTokens(keys, associationId, 'phone', normalisePhone(typed))`.
 */
export function blindTokens(keys: Keys, associationId: string, purpose: string, text: string): string[] {
  const tokens = [...new Set(normaliseTokens(text))];
  if (tokens.length === 0) return [];
  return blindAll(purposeKey(keys, associationId, purpose), tokens);
}

function blindAll(key: Buffer, values: readonly string[]): string[] {
  try {
    return values.map((value) => createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, TOKEN_HEX));
  } finally {
    key.fill(0);
  }
}
