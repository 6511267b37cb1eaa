import { readdirSync } from 'node:fs';
import { migrations } from './index';

describe('migrations list', () => {
  it('names every migration file of the folder, in timestamp order', () => {
    const files = readdirSync(__dirname)
      .filter((f) => /^\d{13}-.+\.ts$/.test(f) && !f.endsWith('.spec.ts'))
      .sort();
    const listed = migrations.map((m) => (new m() as { name: string }).name);
    const expected = files.map((f) => f.slice(0, 13));
    expect(listed.map((n) => n.slice(-13))).toEqual(expected);
  });
});
