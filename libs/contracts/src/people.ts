/** Person files: what the API and the web UI exchange (DESIGN.md "HTTP API", people row). */
export type PersonStatus = 'contact' | 'accompanied' | 'closed';
export const PERSON_STATUSES: readonly PersonStatus[] = ['contact', 'accompanied', 'closed'];

export type Gender = 'woman' | 'man' | 'trans_woman' | 'trans_man' | 'non_binary' | 'not_stated';
export const GENDERS: readonly Gender[] = ['woman', 'man', 'trans_woman', 'trans_man', 'non_binary', 'not_stated'];

/** Nationality grouped by region of origin (domain/psp.md P12: MIPROF survey groups). */
export type NationalityGroup =
  | 'france'
  | 'european_union'
  | 'eastern_europe'
  | 'sub_saharan_africa'
  | 'north_africa'
  | 'south_america'
  | 'china'
  | 'other_asia'
  | 'other'
  | 'not_stated';
export const NATIONALITY_GROUPS: readonly NationalityGroup[] = [
  'france',
  'european_union',
  'eastern_europe',
  'sub_saharan_africa',
  'north_africa',
  'south_america',
  'china',
  'other_asia',
  'other',
  'not_stated',
];

export type IdentityVerification = 'unverified' | 'partial' | 'verified';
export type ContactChannel = 'phone' | 'sms' | 'email' | 'in_person' | 'through_partner';
export const CONTACT_CHANNELS: readonly ContactChannel[] = ['phone', 'sms', 'email', 'in_person', 'through_partner'];

export type IdentityDocumentKind = 'passport' | 'national_id' | 'residence_permit' | 'birth_certificate' | 'other';
export const IDENTITY_DOCUMENT_KINDS: readonly IdentityDocumentKind[] = [
  'passport',
  'national_id',
  'residence_permit',
  'birth_certificate',
  'other',
];

/** Encrypted at rest, as one value per file. Exploiters impose false identities: several names. */
export interface PersonIdentity {
  legalName: string | null;
  usedName: string | null;
  aliases: string[];
  birthDate: string | null;
  phones: string[];
  email: string | null;
  address: string | null;
  verification: IdentityVerification;
  documents: { kind: IdentityDocumentKind; held: boolean }[];
}

/** Shown wherever someone is about to contact the person. */
export interface SafeContact {
  channel: ContactChannel | null;
  hours: string | null;
  neverCall: boolean;
  codeWord: string | null;
  lettersAllowed: boolean;
}

/** Not identifying; the statistics read these columns, never the identity. */
export interface PersonAttributes {
  birthYear: number | null;
  gender: Gender;
  nationalityGroup: NationalityGroup;
  languages: string[];
  departement: string | null;
}

export interface PersonSummary {
  id: string;
  fileNumber: string;
  displayName: string;
  status: PersonStatus;
  referentId: string | null;
  teamId: string | null;
  siteId: string;
  lastContactAt: string | null;
  minor: boolean;
  version: number;
}

export interface PersonFile extends PersonSummary {
  identity: PersonIdentity;
  safeContact: SafeContact;
  attributes: PersonAttributes;
  /** Opened through a break-the-glass grant (until `grantExpiresAt`). */
  grantExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ConsentPurpose =
  | 'processing_notice'
  | 'sms_contact'
  | 'share_housing'
  | 'share_health'
  | 'share_employment'
  | 'share_training'
  | 'share_legal'
  | 'share_residence'
  | 'share_income'
  | 'share_child_protection'
  | 'share_other'
  /** Sharing with one named partner of the directory (`partnerId`). */
  | 'share_partner'
  /** Referrals under the file number only (no name, no contact details). */
  | 'share_pseudonymous';
export const CONSENT_PURPOSES: readonly ConsentPurpose[] = [
  'processing_notice',
  'sms_contact',
  'share_housing',
  'share_health',
  'share_employment',
  'share_training',
  'share_legal',
  'share_residence',
  'share_income',
  'share_child_protection',
  'share_other',
  'share_partner',
  'share_pseudonymous',
];

export interface ConsentView {
  id: string;
  purpose: ConsentPurpose;
  /** For `share_partner`: the partner named by the consent. */
  partnerId: string | null;
  given: boolean;
  recordedAt: string;
  recordedBy: string | null;
}

export interface AccessLogEntry {
  occurredAt: string;
  actorId: string | null;
  actorRoles: string[];
  action: string;
  outcome: string;
}
