import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, differenceInCalendarDays, format, isValid, parse } from 'date-fns';

/**
 * Calendar dates (psp.md "Date conventions": legal dates have no time of day and no time zone) as
 * 'YYYY-MM-DD' strings. Arithmetic runs on local midnights with date-fns, which clamps a missing
 * day to the month's last day (31 August + 6 months = 28 or 29 February).
 */
export type CalendarDate = string;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !ISO.test(value)) return false;
  const d = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return isValid(d) && format(d, 'yyyy-MM-dd') === value;
}

const toDate = (d: CalendarDate): Date => parse(d, 'yyyy-MM-dd', new Date(2000, 0, 1));
const fromDate = (d: Date): CalendarDate => format(d, 'yyyy-MM-dd');

export const plusDays = (d: CalendarDate, days: number): CalendarDate => fromDate(addDays(toDate(d), days));
export const plusMonths = (d: CalendarDate, months: number): CalendarDate => fromDate(addMonths(toDate(d), months));
export const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  differenceInCalendarDays(toDate(to), toDate(from));

/** The calendar day in Paris at this instant (psp.md: months counted in Europe/Paris). */
export function parisToday(now: Date): CalendarDate {
  return format(new TZDate(now, 'Europe/Paris'), 'yyyy-MM-dd');
}
