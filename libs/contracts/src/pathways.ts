/**
 * Exit pathways (PSP), goals, rights and deadlines: what the API and the web UI exchange.
 * The model follows shared domain/psp.md ("The pathway lifecycle", "Deadlines Envol raises").
 * Calendar dates are 'YYYY-MM-DD' strings (no time of day, no time zone).
 */

export type PathwayKind = 'support' | 'psp';
export const PATHWAY_KINDS: readonly PathwayKind[] = ['support', 'psp'];

/** psp.md "The pathway lifecycle": the PSP's states; a support pathway is `open` or `closed`. */
export type PathwayState =
  | 'open'
  | 'closed'
  | 'preparation'
  | 'submitted'
  | 'commission_opinion'
  | 'authorised'
  | 'renewal_submitted'
  | 'refused'
  | 'appeal'
  | 'refused_final'
  | 'abandoned'
  | 'withdrawn'
  | 'ended';
export const PATHWAY_STATES: readonly PathwayState[] = [
  'open',
  'closed',
  'preparation',
  'submitted',
  'commission_opinion',
  'authorised',
  'renewal_submitted',
  'refused',
  'appeal',
  'refused_final',
  'abandoned',
  'withdrawn',
  'ended',
];

/** What can happen to a pathway; each is dated and recorded with who recorded it. */
export type PathwayEventKind =
  | 'submit'
  | 'abandon'
  | 'withdraw'
  | 'opinion'
  | 'authorise'
  | 'refuse'
  | 'appeal'
  | 'appeal_granted'
  | 'appeal_rejected'
  | 'submit_renewal'
  | 'end'
  | 'close'
  | 'complaint';
export const PATHWAY_EVENT_KINDS: readonly PathwayEventKind[] = [
  'submit',
  'abandon',
  'withdraw',
  'opinion',
  'authorise',
  'refuse',
  'appeal',
  'appeal_granted',
  'appeal_rejected',
  'submit_renewal',
  'end',
  'close',
  'complaint',
];

/** psp.md "End reasons" [design]. */
export type PathwayEndReason =
  | 'completed_24_months'
  | 'renewal_refused'
  | 'no_renewal_requested'
  | 'withdrawn_by_person'
  | 'commitments_not_respected'
  | 'moved_departement'
  | 'lost_contact'
  | 'deceased';
export const PATHWAY_END_REASONS: readonly PathwayEndReason[] = [
  'completed_24_months',
  'renewal_refused',
  'no_renewal_requested',
  'withdrawn_by_person',
  'commitments_not_respected',
  'moved_departement',
  'lost_contact',
  'deceased',
];

export type CommissionOpinion = 'favourable' | 'unfavourable' | 'deferred';
export const COMMISSION_OPINIONS: readonly CommissionOpinion[] = ['favourable', 'unfavourable', 'deferred'];

export interface PathwayEventView {
  id: string;
  kind: PathwayEventKind;
  on: string;
  fromState: PathwayState;
  toState: PathwayState;
  decisionReference: string | null;
  opinion: CommissionOpinion | null;
  commissionSessionId: string | null;
  endReason: PathwayEndReason | null;
  notifiedOn: string | null;
  periodNumber: number | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface PathwayPeriodView {
  number: number;
  startsOn: string;
  endsOn: string;
  decisionOn: string;
  decisionReference: string | null;
  /** Days without cover before this period (a renewal granted after the previous end). */
  gapDays: number;
}

export type SnapshotMoment = 'entry' | 'exit';

export interface SituationSnapshotView {
  moment: SnapshotMoment;
  takenOn: string;
  housing: HousingSituation | null;
  income: string[];
  employment: EmploymentSituation | null;
  permit: string | null;
}

export interface PathwayView {
  id: string;
  personId: string;
  kind: PathwayKind;
  state: PathwayState;
  departement: string | null;
  openedOn: string;
  closedOn: string | null;
  endReason: PathwayEndReason | null;
  events: PathwayEventView[];
  periods: PathwayPeriodView[];
  /** The events the rules allow from the current state (the UI offers these only). */
  allowedEvents: PathwayEventKind[];
  goals: GoalView[];
  snapshots: SituationSnapshotView[];
  version: number;
}

// ── goals by domain ──

export type GoalDomain =
  | 'housing'
  | 'employment_training'
  | 'residence_permit'
  | 'income'
  | 'health'
  | 'rights_legal'
  | 'debts_taxes'
  | 'family'
  | 'language';
export const GOAL_DOMAINS: readonly GoalDomain[] = [
  'housing',
  'employment_training',
  'residence_permit',
  'income',
  'health',
  'rights_legal',
  'debts_taxes',
  'family',
  'language',
];
export type GoalStatus = 'planned' | 'in_progress' | 'achieved' | 'abandoned';
export const GOAL_STATUSES: readonly GoalStatus[] = ['planned', 'in_progress', 'achieved', 'abandoned'];

export interface GoalView {
  id: string;
  pathwayId: string;
  domain: GoalDomain;
  title: string;
  status: GoalStatus;
  targetOn: string | null;
  outcome: string | null;
  version: number;
}

// ── rights and situations ──

export type RightKind = 'residence_permit' | 'income_support' | 'other_income' | 'housing' | 'employment';
export const RIGHT_KINDS: readonly RightKind[] = [
  'residence_permit',
  'income_support',
  'other_income',
  'housing',
  'employment',
];

/** Per kind, the statuses a right may take. */
export const RIGHT_STATUSES: Readonly<Record<RightKind, readonly string[]>> = {
  residence_permit: ['requested', 'issued', 'renewing', 'refused', 'expired'],
  income_support: ['requested', 'granted', 'refused', 'ended'],
  other_income: ['current', 'ended'],
  housing: ['current', 'ended'],
  employment: ['current', 'ended'],
};

export type HousingSituation =
  'street' | 'emergency_shelter' | 'hotel' | 'chrs' | 'social_housing' | 'private_rental' | 'hosted' | 'other';
export const HOUSING_SITUATIONS: readonly HousingSituation[] = [
  'street',
  'emergency_shelter',
  'hotel',
  'chrs',
  'social_housing',
  'private_rental',
  'hosted',
  'other',
];
export type EmploymentSituation = 'none' | 'job_seeking' | 'training' | 'employed' | 'self_employed';
export const EMPLOYMENT_SITUATIONS: readonly EmploymentSituation[] = [
  'none',
  'job_seeking',
  'training',
  'employed',
  'self_employed',
];
export type OtherIncomeKind = 'rsa' | 'asylum_allowance' | 'salary' | 'unemployment' | 'disability' | 'other';
export const OTHER_INCOME_KINDS: readonly OtherIncomeKind[] = [
  'rsa',
  'asylum_allowance',
  'salary',
  'unemployment',
  'disability',
  'other',
];
export type AfisRefusalReason = 'not_eligible' | 'other_income' | 'incomplete_file' | 'other';
export const AFIS_REFUSAL_REASONS: readonly AfisRefusalReason[] = [
  'not_eligible',
  'other_income',
  'incomplete_file',
  'other',
];

export interface RightView {
  id: string;
  personId: string;
  kind: RightKind;
  status: string;
  /** housing / employment situation, or the kind of other income. */
  situation: string | null;
  requestedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  /** APS: the receipt (récépissé) covering a renewal, valid until. */
  receiptUntil: string | null;
  refusalReason: AfisRefusalReason | null;
  children: number | null;
  /** AFIS monthly amount in cents, from the association's settings at the grant. */
  monthlyAmountCents: number | null;
  decisionEventId: string | null;
  version: number;
}

// ── commission ──

export interface CommissionSessionView {
  id: string;
  departement: string;
  heldOn: string;
  filesExamined: number;
  version: number;
}

export interface CommissionFileRow {
  personId: string;
  fileNumber: string;
  displayName: string;
  pathwayId: string;
  state: PathwayState;
  /** The renewal number (2–4) or 1 for a first request. */
  periodRequested: number;
  opinion: CommissionOpinion | null;
  currentPeriodEndsOn: string | null;
}

export interface CommissionSessionDetail extends CommissionSessionView {
  files: CommissionFileRow[];
}

export interface CommissionAgenda {
  departement: string;
  nextSession: CommissionSessionView | null;
  /** Requests and renewals filed, waiting for the commission. */
  waiting: CommissionFileRow[];
  /** Authorised PSPs whose period ends within the renewal lead after the next session (or today). */
  renewalsDue: CommissionFileRow[];
}

// ── deadlines ──

export type DeadlineKind =
  'renewal_review' | 'period_end' | 'exit_plan' | 'aps_expiry' | 'afis_request' | 'appeal_window';

export interface DeadlineItem {
  /** A pathway deadline kind, or another source's reminder kind (no_contact, appointment, …). */
  kind: DeadlineKind | (string & {});
  dueOn: string;
  personId: string;
  sourceKind: 'pathway' | 'right' | (string & {});
  sourceId: string;
  /** i18n key of the reminder's text. */
  labelKey: string;
  overdue: boolean;
  /** For a renewal review: how many days before the period's end (a setting). */
  leadDays?: number;
}

/** Settings of psp.md with its defaults; every duration and amount is one of these. */
export interface PathwaySettings {
  periodMonths: number;
  maxPeriods: number;
  renewalLeadDays: number[];
  exitPlanFollowUpMonths: number;
  apsLeadDays: number;
  appealWindowMonths: number;
  appealReminderDays: number;
  afisMonthlyCents: number;
  afisPerChildCents: number;
  deadlineHorizonDays: number;
}

/** The association's PSP settings in force, the defaults of psp.md, and the row version to send back. */
export interface PathwaySettingsView {
  settings: PathwaySettings;
  defaults: PathwaySettings;
  version: number;
}
