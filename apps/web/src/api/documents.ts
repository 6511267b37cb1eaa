// Documents, partners and referrals, outreach (DESIGN.md "HTTP API", casework row).
import type {
  ConsentPurpose,
  DocumentKind,
  DocumentView,
  OutreachOptions,
  OutreachSessionView,
  Paged,
  PartnerKind,
  PartnerView,
  ReferralOutcome,
  ReferralView,
  SharedCategory,
  OutreachTallies,
  OutreachPlaceKind,
  OutreachChannel,
} from '@app/contracts';
import { apiRequest, apiUpload } from './client';

const personPath = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

export function fetchDocuments(personId: string, signal?: AbortSignal): Promise<DocumentView[]> {
  return apiRequest('GET', `${personPath(personId)}/documents`, { signal });
}

export interface DocumentUpload {
  kind: DocumentKind;
  issuedOn: string;
  expiresOn: string;
  file: File;
}

/** Text fields first, then the file: the server reads them in that order. */
export function uploadDocument(personId: string, upload: DocumentUpload): Promise<DocumentView> {
  const form = new FormData();
  form.append('kind', upload.kind);
  if (upload.issuedOn) form.append('issuedOn', upload.issuedOn);
  if (upload.expiresOn) form.append('expiresOn', upload.expiresOn);
  form.append('file', upload.file, upload.file.name);
  return apiUpload(`${personPath(personId)}/documents`, form);
}

/** The address of a document's content; `inline` for the preview (PDF and images only). */
export function documentContentUrl(personId: string, documentId: string, inline = false): string {
  return `${personPath(personId)}/documents/${encodeURIComponent(documentId)}/content${inline ? '?disposition=inline' : ''}`;
}

export function updateDocument(
  personId: string,
  documentId: string,
  change: { kind?: DocumentKind; issuedOn?: string | null; expiresOn?: string | null; version: number },
): Promise<DocumentView> {
  return apiRequest('PATCH', `${personPath(personId)}/documents/${encodeURIComponent(documentId)}`, { body: change });
}

export function deleteDocument(personId: string, documentId: string): Promise<void> {
  return apiRequest('DELETE', `${personPath(personId)}/documents/${encodeURIComponent(documentId)}`);
}

export function fetchPartners(includeArchived: boolean, signal?: AbortSignal): Promise<PartnerView[]> {
  return apiRequest('GET', `/api/partners${includeArchived ? '?includeArchived=true' : ''}`, { signal });
}

export interface PartnerDraft {
  kind: PartnerKind;
  name: string;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export function createPartner(draft: PartnerDraft): Promise<PartnerView> {
  return apiRequest('POST', '/api/partners', { body: draft });
}

export function updatePartner(
  id: string,
  change: Partial<PartnerDraft> & { active?: boolean; version: number },
): Promise<PartnerView> {
  return apiRequest('PATCH', `/api/partners/${encodeURIComponent(id)}`, { body: change });
}

export function fetchReferrals(personId: string, signal?: AbortSignal): Promise<ReferralView[]> {
  return apiRequest('GET', `${personPath(personId)}/referrals`, { signal });
}

export interface ReferralDraft {
  partnerId: string;
  reason: string;
  referredOn: string;
  followUpOn: string | null;
  sharedCategories: SharedCategory[];
  pseudonymous: boolean;
}

export function createReferral(personId: string, draft: ReferralDraft): Promise<ReferralView> {
  return apiRequest('POST', `${personPath(personId)}/referrals`, { body: draft });
}

export function updateReferral(
  personId: string,
  referralId: string,
  change: { outcome?: ReferralOutcome; followUpOn?: string | null; version: number },
): Promise<ReferralView> {
  return apiRequest('PATCH', `${personPath(personId)}/referrals/${encodeURIComponent(referralId)}`, { body: change });
}

export function fetchOutreachSessions(page: number, signal?: AbortSignal): Promise<Paged<OutreachSessionView>> {
  return apiRequest('GET', `/api/outreach-sessions?page=${page}&pageSize=20`, { signal });
}

export function fetchOutreachOptions(signal?: AbortSignal): Promise<OutreachOptions> {
  return apiRequest('GET', '/api/outreach-sessions/options', { signal });
}

export interface OutreachDraft {
  siteId: string;
  heldOn: string;
  placeKind: OutreachPlaceKind;
  channel: OutreachChannel | null;
  durationMinutes: number | null;
  teamMemberIds: string[];
  tallies: OutreachTallies;
}

export function createOutreachSession(draft: OutreachDraft): Promise<OutreachSessionView> {
  return apiRequest('POST', '/api/outreach-sessions', { body: draft });
}

/** Which consents would allow a refused referral (the API lists them in the error's details). */
export function missingConsents(details: readonly { field?: string; code: string }[]): ConsentPurpose[] {
  return details.filter((d) => d.field === 'consent').map((d) => d.code as ConsentPurpose);
}

export const documentKeys = {
  documents: (personId: string) => ['people', 'one', personId, 'documents'] as const,
  referrals: (personId: string) => ['people', 'one', personId, 'referrals'] as const,
  partners: (includeArchived: boolean) => ['partners', includeArchived] as const,
  allPartners: ['partners'] as const,
  outreach: (page: number) => ['outreach', page] as const,
  allOutreach: ['outreach'] as const,
  outreachOptions: ['outreach', 'options'] as const,
};
