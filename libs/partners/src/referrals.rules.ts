import {
  IDENTIFYING_CATEGORIES,
  type ConsentPurpose,
  type PartnerKind,
  type ReferralOutcome,
  type SharedCategory,
} from '@app/contracts';
import type { ReminderInput } from '@app/reminders';

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

/** The reminder kind of a referral's follow-up date. */
export const REFERRAL_FOLLOW_UP = 'referral_follow_up';

/**
 * What a referral's follow-up date asks of the reminder store:
 * - `raise`: these reminders (none when there is nothing to follow up); the others of the referral
 *   are cancelled;
 * - `done`: the referral reached its end (completed, refused, the person did not come), which is
 *   what the follow-up was for: its open reminder is done.
 */
export type FollowUpPlan = { action: 'raise'; reminders: ReminderInput[] } | { action: 'done' };

/**
 * A referral waiting for the partner's answer (`pending`) or under way (`accepted`: the person
 * still has to get there) reminds the person's referent (the site's coordinators while there is
 * none) on its follow-up date itself: domain/psp.md gives referrals no lead time, and the date is
 * the worker's own choice of when to follow up. The due date is part of the key, so a moved
 * follow-up is a new reminder and one already done never blocks the next. Cancelled: no one.
 */
export function followUpPlan(
  referral: { personId: string; outcome: ReferralOutcome; followUpOn: string | null },
  person: { referentId: string | null; siteId: string },
): FollowUpPlan {
  switch (referral.outcome) {
    case 'completed':
    case 'refused':
    case 'no_show':
      return { action: 'done' };
    case 'cancelled':
      return { action: 'raise', reminders: [] };
    case 'pending':
    case 'accepted':
      break;
  }
  if (!referral.followUpOn) return { action: 'raise', reminders: [] };
  return {
    action: 'raise',
    reminders: [
      {
        key: `follow_up:${referral.followUpOn}`,
        kind: REFERRAL_FOLLOW_UP,
        dueOn: referral.followUpOn,
        deadlineOn: referral.followUpOn,
        personId: referral.personId,
        assignee: { kind: 'referent', userId: person.referentId, siteId: person.siteId },
      },
    ],
  };
}
