import { pageCount, queryString, readPage } from './query';

describe('queryString', () => {
  it('keeps the given order and encodes values', () => {
    expect(queryString({ page: 2, pageSize: 50, action: 'user.roles.set', from: '2026-05-01T00:00:00.000Z' })).toBe(
      '?page=2&pageSize=50&action=user.roles.set&from=2026-05-01T00%3A00%3A00.000Z',
    );
  });

  it('leaves out what is not set', () => {
    expect(queryString({ a: undefined, b: null, c: '', d: '  ', e: 'x' })).toBe('?e=x');
  });

  it('is empty when nothing is set', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ status: undefined })).toBe('');
  });

  it('trims values and keeps zero and false', () => {
    expect(queryString({ q: ' a b ', n: 0, f: false })).toBe('?q=a+b&n=0&f=false');
  });
});

describe('pageCount', () => {
  it.each([
    [0, 50, 1],
    [1, 50, 1],
    [50, 50, 1],
    [51, 50, 2],
    [1000, 20, 50],
    [10, 0, 1],
    [Number.NaN, 50, 1],
  ])('%p items by %p make %p pages', (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });
});

describe('readPage', () => {
  it.each([
    ['3', 3],
    ['1', 1],
    ['0', 1],
    [null, 1],
    ['', 1],
    ['-2', 1],
    ['2.5', 1],
    ['abc', 1],
    ['9999999', 1],
  ] as const)('reads %p as %p', (value, page) => {
    expect(readPage(value)).toBe(page);
  });
});
