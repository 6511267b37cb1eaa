/**
 * Documents, partners and referrals, outreach: what the API and the web UI exchange
 * (DESIGN.md "HTTP API", casework row).
 */

// ── documents ──

export type DocumentKind =
  'identity' | 'residence_permit' | 'prefect_decision' | 'commission_opinion' | 'sworn_statement' | 'medical' | 'other';
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'identity',
  'residence_permit',
  'prefect_decision',
  'commission_opinion',
  'sworn_statement',
  'medical',
  'other',
];

/** Types accepted, by the content's own signature (never the declared type or the extension). */
export type DocumentMediaType =
  | 'application/pdf'
  | 'image/jpeg'
  | 'image/png'
  | 'image/heic'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'application/vnd.oasis.opendocument.text'
  | 'application/vnd.oasis.opendocument.spreadsheet'
  | 'application/x-cfb';
export const DOCUMENT_MEDIA_TYPES: readonly DocumentMediaType[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/x-cfb',
];

/** How close an expiry is: expired, within the warning lead time, later, none. */
export type ExpiryState = 'expired' | 'soon' | 'valid' | 'none';

export interface DocumentView {
  id: string;
  personId: string;
  kind: DocumentKind;
  fileName: string;
  mediaType: DocumentMediaType;
  sizeBytes: number;
  issuedOn: string | null;
  expiresOn: string | null;
  expiry: ExpiryState;
  uploadedBy: string | null;
  uploadedAt: string;
  version: number;
}

// ── partners ──

export type PartnerKind =
  'housing' | 'health' | 'employment' | 'training' | 'legal' | 'residence' | 'income' | 'child_protection' | 'other';
export const PARTNER_KINDS: readonly PartnerKind[] = [
  'housing',
  'health',
  'employment',
  'training',
  'legal',
  'residence',
  'income',
  'child_protection',
  'other',
];

export interface PartnerView {
  id: string;
  kind: PartnerKind;
  name: string;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  active: boolean;
  version: number;
}

// ── referrals ──

export type ReferralOutcome = 'pending' | 'accepted' | 'refused' | 'completed' | 'no_show' | 'cancelled';
export const REFERRAL_OUTCOMES: readonly ReferralOutcome[] = [
  'pending',
  'accepted',
  'refused',
  'completed',
  'no_show',
  'cancelled',
];

/** Categories of data a referral hands to the partner. */
export type SharedCategory =
  'identity' | 'contact' | 'situation' | 'administrative' | 'health' | 'documents' | 'pathway';
export const SHARED_CATEGORIES: readonly SharedCategory[] = [
  'identity',
  'contact',
  'situation',
  'administrative',
  'health',
  'documents',
  'pathway',
];
/** What a pseudonymous referral may never carry: it goes out under the file number only. */
export const IDENTIFYING_CATEGORIES: readonly SharedCategory[] = ['identity', 'contact'];

export interface ReferralView {
  id: string;
  personId: string;
  partnerId: string;
  partnerKind: PartnerKind;
  partnerName: string;
  reason: string;
  referredOn: string;
  outcome: ReferralOutcome;
  followUpOn: string | null;
  sharedCategories: SharedCategory[];
  pseudonymous: boolean;
  createdBy: string | null;
  createdAt: string;
  version: number;
}

// ── outreach ──

/** Where the session took place: a closed list; no place is typed per session. */
export type OutreachPlaceKind = 'street' | 'road' | 'woods' | 'massage_parlour' | 'premises' | 'event' | 'online';
export const OUTREACH_PLACE_KINDS: readonly OutreachPlaceKind[] = [
  'street',
  'road',
  'woods',
  'massage_parlour',
  'premises',
  'event',
  'online',
];

export type OutreachChannel = 'escort_sites' | 'classified_ads' | 'social_networks' | 'messaging' | 'dating_apps';
export const OUTREACH_CHANNELS: readonly OutreachChannel[] = [
  'escort_sites',
  'classified_ads',
  'social_networks',
  'messaging',
  'dating_apps',
];

export const OUTREACH_GENDERS = ['women', 'men', 'trans', 'unknown'] as const;
export type OutreachGender = (typeof OUTREACH_GENDERS)[number];

export const OUTREACH_LANGUAGES = ['fr', 'en', 'es', 'pt', 'ro', 'bg', 'ru', 'zh', 'ar', 'other'] as const;
export type OutreachLanguage = (typeof OUTREACH_LANGUAGES)[number];

export const OUTREACH_MATERIALS = ['condoms', 'lubricant', 'leaflets', 'hygiene_kits', 'food', 'other'] as const;
export type OutreachMaterial = (typeof OUTREACH_MATERIALS)[number];

/** Anonymous counts only: not one field can carry a name, a description or a note. */
export interface OutreachTallies {
  peopleMet: number;
  newContacts: number;
  gender?: Partial<Record<OutreachGender, number>>;
  firstLanguage?: Partial<Record<OutreachLanguage, number>>;
  materials?: Partial<Record<OutreachMaterial, number>>;
  /** Orientations proposed, by partner kind. */
  orientations?: Partial<Record<PartnerKind, number>>;
}

export interface OutreachSessionView {
  id: string;
  siteId: string;
  heldOn: string;
  placeKind: OutreachPlaceKind;
  channel: OutreachChannel | null;
  durationMinutes: number | null;
  teamMemberIds: string[];
  tallies: OutreachTallies;
  createdBy: string | null;
  createdAt: string;
}

export interface OutreachOptions {
  sites: { id: string; name: string }[];
  members: { id: string; displayName: string }[];
}
