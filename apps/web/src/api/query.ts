// Query strings for the API's list routes. Pure, so unit-tested.

export type QueryValue = string | number | boolean | null | undefined;

/**
 * `?a=1&b=x` from the given parameters, in their order, leaving out the ones not set (undefined,
 * null or blank), so an empty filter is absent rather than sent as `a=`, which the API would refuse
 * as invalid. Empty string when nothing is left.
 */
export function queryString(params: Readonly<Record<string, QueryValue>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text !== '') search.append(name, text);
  }
  const encoded = search.toString();
  return encoded === '' ? '' : `?${encoded}`;
}

/** How many pages `total` items fill, at least one (an empty list is one empty page). */
export function pageCount(total: number, pageSize: number): number {
  if (!Number.isFinite(total) || total <= 0 || pageSize <= 0) return 1;
  return Math.ceil(total / pageSize);
}

/** A page number read from the address bar: a whole number from 1, else 1. */
export function readPage(value: string | null): number {
  if (value === null || !/^\d{1,6}$/.test(value)) return 1;
  return Math.max(1, Number(value));
}
