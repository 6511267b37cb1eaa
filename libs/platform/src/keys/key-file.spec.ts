import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ensureKeyFile, generateKeyFileJson, KeyFileError, Keys, loadKeyFile } from './key-file';

describe('key file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envol-keys-'));

  it('generates once, with owner-only permissions, and loads', () => {
    const path = join(dir, 'keys.json');
    expect(ensureKeyFile(path)).toBe(true);
    const before = readFileSync(path, 'utf8');
    expect(ensureKeyFile(path)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const keys = loadKeyFile(path);
    expect(keys.kek(keys.currentKekId)).toHaveLength(32);
  });

  it('never prints key material', () => {
    const json = generateKeyFileJson('k1');
    const keys = Keys.fromJson(json);
    const printed = [inspect(keys), JSON.stringify({ keys }), String(keys)].join(' ');
    expect(printed).not.toContain(json.keks.k1);
    expect(printed).not.toContain(json.auditHmacKey);
  });

  it.each([
    ['not an object', 'null'],
    ['wrong format', JSON.stringify({ ...generateKeyFileJson('k1'), format: 2 })],
    ['current key missing', JSON.stringify({ ...generateKeyFileJson('k1'), currentKek: 'k9' })],
    ['short key', JSON.stringify({ ...generateKeyFileJson('k1'), auditHmacKey: 'c2hvcnQ=' })],
    ['not JSON', '{'],
  ])('refuses a key file with %s', (_label, text) => {
    const path = join(dir, `bad-${Math.random()}.json`);
    writeFileSync(path, text);
    expect(() => loadKeyFile(path)).toThrow(KeyFileError);
  });

  it('refuses a missing file without echoing its content', () => {
    expect(() => loadKeyFile(join(dir, 'absent.json'))).toThrow(/cannot read ENVOL_KEYS_FILE/);
  });
});
