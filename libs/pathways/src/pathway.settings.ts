import type { PathwaySettings } from '@app/contracts';

/**
 * psp.md: "Amounts, durations, lead times and thresholds change with decrees: they are settings with
 * these defaults, never literals in code." Stored per association (association.pathway_settings, a
 * JSON object of overrides); anything missing or malformed falls back to these defaults.
 */
export const DEFAULT_PATHWAY_SETTINGS: Readonly<PathwaySettings> = Object.freeze({
  // "Each authorisation covers 6 months, renewable 3 times: 24 months at most, i.e. at most 4
  // periods" (solidarites.gouv.fr "parcours de sortie de la prostitution et AFIS"; CASF L121-9).
  periodMonths: 6,
  maxPeriods: 4,
  // Deadlines table: end of a 6-month period, 90 and 60 days before.
  renewalLeadDays: [90, 60],
  // Start of period 4 (month 18), and month 21: 3 months later.
  exitPlanFollowUpMonths: 3,
  // APS expiry: 60 days before.
  apsLeadDays: 60,
  // A refusal can be appealed within 2 months (administrative rule; CE 19 Nov 2021 n° 440802);
  // reminders on notification and 45 days after.
  appealWindowMonths: 2,
  appealReminderDays: 45,
  // AFIS: 343.20 € for one person + 106.08 € per child since 1 July 2022.
  afisMonthlyCents: 34320,
  afisPerChildCents: 10608,
  // How far ahead GET /api/deadlines looks [design].
  deadlineHorizonDays: 120,
});

const isCount = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** The defaults overlaid with the association's stored overrides, each checked for range. */
export function pathwaySettings(stored: unknown): PathwaySettings {
  const s = { ...DEFAULT_PATHWAY_SETTINGS, renewalLeadDays: [...DEFAULT_PATHWAY_SETTINGS.renewalLeadDays] };
  if (!stored || typeof stored !== 'object') return s;
  const o = stored as Record<string, unknown>;
  if (isCount(o.periodMonths, 1, 24)) s.periodMonths = o.periodMonths;
  if (isCount(o.maxPeriods, 1, 12)) s.maxPeriods = o.maxPeriods;
  if (Array.isArray(o.renewalLeadDays) && o.renewalLeadDays.every((d) => isCount(d, 1, 365)))
    s.renewalLeadDays = [...o.renewalLeadDays];
  if (isCount(o.exitPlanFollowUpMonths, 1, 12)) s.exitPlanFollowUpMonths = o.exitPlanFollowUpMonths;
  if (isCount(o.apsLeadDays, 1, 365)) s.apsLeadDays = o.apsLeadDays;
  if (isCount(o.appealWindowMonths, 1, 12)) s.appealWindowMonths = o.appealWindowMonths;
  if (isCount(o.appealReminderDays, 1, 365)) s.appealReminderDays = o.appealReminderDays;
  if (isCount(o.afisMonthlyCents, 0, 10_000_000)) s.afisMonthlyCents = o.afisMonthlyCents;
  if (isCount(o.afisPerChildCents, 0, 10_000_000)) s.afisPerChildCents = o.afisPerChildCents;
  if (isCount(o.deadlineHorizonDays, 1, 730)) s.deadlineHorizonDays = o.deadlineHorizonDays;
  return s;
}

/** AFIS monthly amount: the base for one person plus the amount per child. */
export function afisAmountCents(settings: PathwaySettings, children: number): number {
  return settings.afisMonthlyCents + Math.max(0, children) * settings.afisPerChildCents;
}
