import type { Role } from './roles';

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type AccountStatusValue = 'active' | 'disabled';

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  status: AccountStatusValue;
  roles: Role[];
  siteIds: string[];
  teamId: string | null;
  mfaEnabled: boolean;
  mfaRequired: boolean;
  version: number;
}

export interface SiteView {
  id: string;
  name: string;
  code: string;
  departement: string;
  version: number;
}

export interface TeamView {
  id: string;
  name: string;
  siteId: string;
  version: number;
}

/** The reminder lead times an association sets (domain/psp.md "Deadlines Envol raises"). */
export interface ReminderLeadTimes {
  /** No contact for this many days: check on the person. */
  noContactDays: number;
  /** The active file is kept this many years after the last contact, then reviewed. */
  retentionYears: number;
  /** An appointment reminds the worker this many days before its day (0: on the day). */
  appointmentLeadDays: number;
  /** A document's expiry reminds the referent this many days before; also when it shows as "soon". */
  documentExpiryLeadDays: number;
  /** The association's approval renewal is prepared this many months before it expires. */
  approvalRenewalLeadMonths: number;
}

export type ReminderLeadTime = keyof ReminderLeadTimes;

/**
 * Defaults and allowed ranges of the lead times: the one place they are written. The defaults are
 * domain/psp.md's; the database columns default to the same values and check the same ranges.
 */
export const REMINDER_LEAD_TIMES: Readonly<
  Record<ReminderLeadTime, { readonly default: number; readonly min: number; readonly max: number }>
> = {
  // "No contact for N days (setting): check on the person, after 30 days."
  noContactDays: { default: 30, min: 7, max: 365 },
  // "Last contact + 2 years: retention review" (CNIL, deliberation 2023-095).
  retentionYears: { default: 2, min: 1, max: 10 },
  // "Appointment: reminder to the worker, 1 day before."
  appointmentLeadDays: { default: 1, min: 0, max: 30 },
  // "APS expiry: renewal at the préfecture, 60 days before" — the lead for every dated document.
  documentExpiryLeadDays: { default: 60, min: 1, max: 365 },
  // "Association approval (3 years): renewal file, 6 months before."
  approvalRenewalLeadMonths: { default: 6, min: 1, max: 24 },
};

export const REMINDER_LEAD_TIME_NAMES = Object.keys(REMINDER_LEAD_TIMES) as ReminderLeadTime[];

export interface AssociationSettingsView extends ReminderLeadTimes {
  mfaRequiredRoles: Role[];
  breakGlassHours: number;
  version: number;
}

export interface InvitationResult {
  user: UserSummary;
  /** The one-time link to hand over (null when it was sent by email). */
  resetLink: string | null;
  resetLinkExpiresAt: string;
}
