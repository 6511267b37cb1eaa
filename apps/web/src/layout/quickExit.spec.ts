import { DOUBLE_ESCAPE_MS, isDoubleEscape } from './quickExit';

describe('isDoubleEscape', () => {
  it.each<[number | null, number, boolean]>([
    [null, 1000, false],
    [1000, 1000, true],
    [1000, 1000 + DOUBLE_ESCAPE_MS, true],
    [1000, 1001 + DOUBLE_ESCAPE_MS, false],
    [1000, 1400, true],
    [2000, 1000, false],
  ])('previous %p, now %p: %p', (previous, now, expected) => {
    expect(isDoubleEscape(previous, now)).toBe(expected);
  });
});
