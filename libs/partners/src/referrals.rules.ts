import { IDENTIFYING_CATEGORIES, type ConsentPurpose, type PartnerKind, type SharedCategory } from '@app/contracts';

/** The consent purpose covering named sharing with every partner of a kind. */
export function kindPurpose(kind: PartnerKind): ConsentPurpose {
  return `share_${kind}` as ConsentPurpose;
}

/** The consents in force that bear on one referral. */
export interface ConsentsInForce {
  /** `share_<kind>` for the partner's kind. */
  partnerKind: boolean;
  /** `share_partner` naming this partner. */
  namedPartner: boolean;
  /** `share_pseudonymous`. */
  pseudonymous: boolean;
}

export type SharingDecision =
  | { allowed: true }
  | { allowed: false; reason: 'identifying_in_pseudonymous' }
  | { allowed: false; reason: 'no_consent'; purposes: ConsentPurpose[] };

/**
 * No consent, no sharing (CASF L411-3, CSP L1110-4: sharing outside the team needs the person's
 * consent). A named referral needs consent to share with this partner or with its kind; a
 * pseudonymous one (file number, no identity, no contact) is also covered by a consent to
 * pseudonymous referrals. The refusal names the purposes that would allow it.
 */
export function sharingDecision(input: {
  kind: PartnerKind;
  pseudonymous: boolean;
  categories: readonly SharedCategory[];
  consents: ConsentsInForce;
}): SharingDecision {
  const { kind, pseudonymous, categories, consents } = input;
  if (pseudonymous && categories.some((c) => IDENTIFYING_CATEGORIES.includes(c))) {
    return { allowed: false, reason: 'identifying_in_pseudonymous' };
  }
  if (consents.namedPartner || consents.partnerKind) return { allowed: true };
  if (pseudonymous && consents.pseudonymous) return { allowed: true };
  const purposes: ConsentPurpose[] = ['share_partner', kindPurpose(kind)];
  if (pseudonymous) purposes.push('share_pseudonymous');
  return { allowed: false, reason: 'no_consent', purposes };
}

const PARTNER_KIND_FR: Record<PartnerKind, string> = {
  housing: 'hébergement / SIAO',
  health: 'santé',
  employment: 'emploi',
  training: 'formation',
  legal: 'droit et justice',
  residence: 'séjour / préfecture',
  income: 'ressources / MSA',
  child_protection: 'protection de l’enfance',
  other: 'autre',
};

const CATEGORY_FR: Record<SharedCategory, string> = {
  identity: 'identité',
  contact: 'coordonnées',
  situation: 'situation',
  administrative: 'démarches administratives',
  health: 'santé',
  documents: 'documents',
  pathway: 'parcours',
};

/**
 * The journal entry a referral leaves in the file's timeline (the file's language, French): the
 * partner, its kind, whether it was pseudonymous and what was shared. Never the reason, which stays
 * in the referral (encrypted there too).
 */
export function referralJournalText(referral: {
  partnerName: string;
  kind: PartnerKind;
  pseudonymous: boolean;
  categories: readonly SharedCategory[];
}): string {
  const shared = referral.categories.length ? referral.categories.map((c) => CATEGORY_FR[c]).join(', ') : 'aucune';
  return `Orientation vers ${referral.partnerName} (${PARTNER_KIND_FR[referral.kind]}), ${
    referral.pseudonymous ? 'sous pseudonyme' : 'nominative'
  }. Données partagées : ${shared}.`;
}
