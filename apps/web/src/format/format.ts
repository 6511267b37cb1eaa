// How dates, ids and counts read on screen. Pure, so unit-tested. Every instant is shown in the
// associations' time zone, whatever the browser's: a worker on a laptop set to UTC and the
// préfecture must read the same hour.

export const APP_TIME_ZONE = 'Europe/Paris';

/** The BCP 47 locale for a UI language. English keeps the day-month order French users expect. */
export function localeOf(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'fr-FR';
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "03/05/2026 14:07:09": for lists of events, where seconds matter. */
export function formatDateTime(iso: string, language: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: APP_TIME_ZONE,
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(date);
}

/** "3 mai 2026 à 14:07": in sentences ("valable jusqu’au …"). */
export function formatLongDateTime(iso: string, language: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: APP_TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

const SHORT_ID_LENGTH = 8;

/**
 * The first characters of an id, enough to tell ids apart on one screen and to find them again in
 * an export; the full id stays available to assistive technology and in the tooltip.
 */
export function shortId(id: string): string {
  return id.length > SHORT_ID_LENGTH ? `${id.slice(0, SHORT_ID_LENGTH)}…` : id;
}

/** "27 novembre 2026": a calendar date (YYYY-MM-DD, no time of day, no zone: legal dates). */
export function formatDay(day: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(localeOf(language), { timeZone: 'UTC', dateStyle: 'long' }).format(date);
}
