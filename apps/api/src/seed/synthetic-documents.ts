import type {
  ConsentPurpose,
  DocumentKind,
  DocumentMediaType,
  PartnerKind,
  ReferralOutcome,
  SharedCategory,
} from '@app/contracts';
import { documentJournalText, expiryDeadlines, newStorageKey, sealContent, type DocumentStorage } from '@app/documents';
import { followUpPlan, kindPurpose, referralJournalText } from '@app/partners';
import { parisToday, plusDays, plusMonths } from '@app/pathways';
import type { FieldCipher, RequestContext } from '@app/platform';
import { crc32, deflateSync } from 'node:zlib';
import {
  insertCasework,
  insertReminderRows,
  reminderRow,
  type EventRow,
  type Random,
  type ReminderRow,
} from './synthetic-casework';

/**
 * Documents and referrals of synthetic files, drawn from their own generator and written in bulk
 * with what the documents and partners libs use themselves: the content sealed by `sealContent`
 * into the documents' storage folder, the names and reasons encrypted by the field cipher, the
 * journal entries their services leave (`documentJournalText`, `referralJournalText`) and the
 * reminders their rules raise (`expiryDeadlines`, `followUpPlan`). A referral's consent is in the
 * person's consent ledger (the caller inserts it with the person's other consents).
 */

/** What this module reads of a synthetic person (synthetic.ts `PersonRow`). */
export interface CaseFilePerson {
  id: string;
  siteId: string;
  referentId: string;
  isMinor: boolean;
  createdAt: Date;
  consents: { purpose: ConsentPurpose; given: boolean; partnerId?: string | null }[];
}

export interface SyntheticPartner {
  id: string;
  kind: PartnerKind;
  name: string;
}

export interface DocumentPlan {
  id: string;
  personId: string;
  kind: DocumentKind;
  mediaType: DocumentMediaType;
  fileName: string;
  issuedOn: string | null;
  expiresOn: string | null;
  uploadedAt: Date;
  uploadedBy: string;
}

export interface ReferralPlan {
  id: string;
  personId: string;
  partner: SyntheticPartner;
  reason: string;
  referredOn: string;
  outcome: ReferralOutcome;
  followUpOn: string | null;
  sharedCategories: SharedCategory[];
  pseudonymous: boolean;
  createdBy: string;
  createdAt: Date;
  /** When the outcome was recorded (null while pending). */
  outcomeAt: Date | null;
  /** The consent the referral needs, when the person had not given it yet. */
  consent: { id: string; purpose: ConsentPurpose; partnerId: string | null; recordedAt: Date } | null;
}

const DAY = 86_400_000;

const DOCUMENT_KINDS: Readonly<Record<DocumentKind, number>> = {
  identity: 30,
  residence_permit: 25,
  prefect_decision: 10,
  commission_opinion: 5,
  sworn_statement: 10,
  medical: 10,
  other: 10,
};

const FILE_NAMES: Readonly<Record<DocumentKind, string>> = {
  identity: 'passeport',
  residence_permit: 'aps',
  prefect_decision: 'decision-prefet',
  commission_opinion: 'avis-commission',
  sworn_statement: 'attestation-sur-l-honneur',
  medical: 'certificat-medical',
  other: 'justificatif',
};

/** Days between the file's creation and now (what the file's history can span). */
const fileAgeDays = (person: CaseFilePerson, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - person.createdAt.getTime()) / DAY));

/** One or two documents of a file, uploaded by the referent, with the dates their kind has. */
export function drawDocuments(random: Random, now: Date, person: CaseFilePerson): DocumentPlan[] {
  const plans: DocumentPlan[] = [];
  for (let n = random.int(1, 2); n > 0; n--) {
    const kind = random.weighted(DOCUMENT_KINDS);
    // A residence permit lasts 6 months: the one on file is recent.
    const horizon = Math.min(fileAgeDays(person, now), kind === 'residence_permit' ? 180 : 720);
    const uploadedAt = new Date(
      Math.max(person.createdAt.getTime(), now.getTime() - random.int(0, horizon) * DAY - random.int(0, 480) * 60_000),
    );
    const uploadDay = parisToday(uploadedAt);
    let issuedOn: string | null = null;
    let expiresOn: string | null = null;
    switch (kind) {
      case 'identity':
        issuedOn = plusDays(uploadDay, -random.int(30, 3000));
        expiresOn = plusDays(plusMonths(issuedOn, 120), -1);
        break;
      case 'residence_permit':
        issuedOn = plusDays(uploadDay, -random.int(0, 60));
        expiresOn = plusDays(plusMonths(issuedOn, 6), -1);
        break;
      case 'prefect_decision':
      case 'commission_opinion':
      case 'medical':
        issuedOn = plusDays(uploadDay, -random.int(0, 30));
        break;
      case 'sworn_statement':
        issuedOn = uploadDay;
        break;
      case 'other':
        break;
    }
    const mediaType: DocumentMediaType = random.chance(0.7) ? 'application/pdf' : 'image/png';
    plans.push({
      id: random.uuid(),
      personId: person.id,
      kind,
      mediaType,
      fileName: `${FILE_NAMES[kind]}-${plans.length + 1}.${mediaType === 'application/pdf' ? 'pdf' : 'png'}`,
      issuedOn,
      expiresOn,
      uploadedAt,
      uploadedBy: person.referentId,
    });
  }
  return plans;
}

const PARTNER_KIND_WEIGHTS: Readonly<Record<Exclude<PartnerKind, 'child_protection'>, number>> = {
  housing: 30,
  health: 25,
  residence: 12,
  legal: 10,
  employment: 8,
  training: 6,
  income: 6,
  other: 3,
};

const REASONS: Readonly<Record<PartnerKind, readonly string[]>> = {
  housing: ['Demande de mise à l’abri en urgence.', 'Demande d’hébergement d’insertion.'],
  health: ['Bilan de santé et dépistage.', 'Premier rendez-vous de suivi psychologique.'],
  employment: ['Inscription et premier entretien avec un conseiller emploi.'],
  training: ['Inscription à un cours de français langue étrangère.'],
  legal: ['Consultation juridique sur les droits des victimes.', 'Information sur la procédure, à la demande.'],
  residence: ['Dépôt de la demande d’autorisation provisoire de séjour.', 'Renouvellement du récépissé.'],
  income: ['Ouverture des droits à l’AFIS avec la décision du préfet.'],
  child_protection: ['Information préoccupante : personne mineure rencontrée.'],
  other: ['Aide alimentaire et vestiaire.'],
};

const OUTCOMES_SETTLED: Readonly<Record<ReferralOutcome, number>> = {
  pending: 0,
  accepted: 10,
  completed: 45,
  refused: 15,
  no_show: 15,
  cancelled: 15,
};
const OUTCOMES_RECENT: Readonly<Record<ReferralOutcome, number>> = {
  pending: 60,
  accepted: 25,
  completed: 6,
  refused: 4,
  no_show: 3,
  cancelled: 2,
};

/**
 * One referral of a file, within the last year: older ones have their outcome, recent ones are
 * mostly pending or accepted; most carry a follow-up date one to four weeks after. Named ones
 * share identity and situation, pseudonymous ones never identity or contact; the consent that
 * covers it is the person's own when given, else added (for the kind, the partner, or
 * pseudonymous referrals).
 */
export function drawReferral(
  random: Random,
  now: Date,
  person: CaseFilePerson,
  partners: readonly SyntheticPartner[],
): ReferralPlan {
  const kind: PartnerKind =
    person.isMinor && random.chance(0.5) ? 'child_protection' : random.weighted(PARTNER_KIND_WEIGHTS);
  const partner = partners.find((p) => p.kind === kind) ?? partners[0];
  const daysAgo = random.int(0, Math.min(365, fileAgeDays(person, now)));
  const createdAt = new Date(
    Math.max(person.createdAt.getTime(), now.getTime() - daysAgo * DAY - random.int(0, 360) * 60_000),
  );
  const referredOn = parisToday(createdAt);
  const outcome = random.weighted(daysAgo > 45 ? OUTCOMES_SETTLED : OUTCOMES_RECENT);
  const followUpOn = random.chance(0.8) ? plusDays(referredOn, random.int(7, 30)) : null;
  const pseudonymous = random.chance(0.15);
  const categories: SharedCategory[] = pseudonymous ? ['situation'] : ['identity', 'situation'];
  if (!pseudonymous && random.chance(0.5)) categories.push('contact');
  if (random.chance(0.4)) categories.push('administrative');
  if (kind === 'health' && random.chance(0.5)) categories.push('health');
  const has = (purpose: ConsentPurpose, partnerId: string | null = null) =>
    person.consents.some((c) => c.given && c.purpose === purpose && (c.partnerId ?? null) === partnerId);
  const covered =
    has(kindPurpose(kind)) || has('share_partner', partner.id) || (pseudonymous && has('share_pseudonymous'));
  let consent: ReferralPlan['consent'] = null;
  if (!covered) {
    const purpose: ConsentPurpose = pseudonymous
      ? 'share_pseudonymous'
      : random.chance(0.5)
        ? kindPurpose(kind)
        : 'share_partner';
    consent = {
      id: random.uuid(),
      purpose,
      partnerId: purpose === 'share_partner' ? partner.id : null,
      recordedAt: new Date(Math.max(person.createdAt.getTime(), createdAt.getTime() - 3_600_000)),
    };
  }
  // The outcome came with the follow-up (or a week later without one), never after now.
  const outcomeDay = followUpOn ?? plusDays(referredOn, 7);
  const outcomeAt =
    outcome === 'pending' ? null : new Date(Math.min(now.getTime(), new Date(`${outcomeDay}T10:00:00Z`).getTime()));
  return {
    id: random.uuid(),
    personId: person.id,
    partner,
    reason: random.pick(REASONS[kind]),
    referredOn,
    outcome,
    followUpOn,
    sharedCategories: categories,
    pseudonymous,
    createdBy: person.referentId,
    createdAt,
    outcomeAt,
    consent,
  };
}

// ── content ──

/** A one-page PDF whose text names the synthetic document (no person's data). */
function pdf(text: string): Buffer {
  const stream = `BT /F1 14 Tf 40 100 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 16×16 PNG of one colour. */
function png(rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const size = 16;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, i) => rgb[i % 3])]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The bytes of a synthetic document, from what the API shows of it (id, kind, type): a small PDF
 * naming it, or a PNG whose colour comes from its id.
 */
export function syntheticDocumentContent(document: {
  id: string;
  kind: DocumentKind;
  mediaType: DocumentMediaType;
}): Buffer {
  if (document.mediaType === 'image/png') {
    const hex = document.id.replace(/-/g, '');
    return png([parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)]);
  }
  return pdf(`Document synthetique ${document.kind} ${document.id}`);
}

// ── writing ──

const journalEvent = (
  random: Random,
  personId: string,
  type: 'administrative_step' | 'orientation',
  at: Date,
  authorId: string,
  text: string,
): EventRow => ({
  id: random.uuid(),
  versionId: random.uuid(),
  personId,
  type,
  accompanimentPlace: null,
  occurredAt: at,
  durationMinutes: null,
  attendees: [],
  text,
  confidentiality: 'team',
  authorId,
});

export interface CaseFileRows {
  rows: number;
  reminders: number;
}

/**
 * The documents of one batch: each content sealed and written to the storage folder first (as the
 * service does: a rollback leaves an unreadable orphan, never a row without content), then the
 * rows, their journal entries and their expiry reminders, one statement per table.
 */
export async function insertDocuments(
  ctx: RequestContext,
  cipher: FieldCipher,
  storage: DocumentStorage,
  random: Random,
  associationId: string,
  people: ReadonlyMap<string, CaseFilePerson>,
  documents: readonly DocumentPlan[],
): Promise<CaseFileRows> {
  if (documents.length === 0) return { rows: 0, reminders: 0 };
  const stored: { plan: DocumentPlan; storageKey: string; size: number; fileName: Buffer }[] = [];
  for (const plan of documents) {
    const bytes = syntheticDocumentContent(plan);
    const sealed = await sealContent(ctx, cipher, plan.id, bytes);
    const fileName = await cipher.encryptText(
      ctx,
      { table: 'document', column: 'file_name', rowId: plan.id },
      plan.fileName,
    );
    // A random key, as the service's: never derived from the seed, so two seeds sharing a folder never collide.
    stored.push({ plan, storageKey: newStorageKey(), size: bytes.length, fileName });
    await storage.write(stored[stored.length - 1].storageKey, sealed);
  }
  const column = <T>(pick: (d: (typeof stored)[number]) => T) => stored.map(pick);
  await ctx.manager.query(
    `INSERT INTO document (id, association_id, person_id, kind, file_name, media_type, size_bytes, storage_key,
        issued_on, expires_on, uploaded_by, deleted_at, deleted_by, created_at, updated_at, version)
     SELECT id, $1, person_id, kind, file_name, media_type, size_bytes, storage_key, issued_on, expires_on,
        uploaded_by, NULL, NULL, uploaded_at, uploaded_at, 1
       FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::bytea[], $6::varchar[], $7::int[], $8::varchar[],
                   $9::date[], $10::date[], $11::uuid[], $12::timestamptz[])
         AS t(id, person_id, kind, file_name, media_type, size_bytes, storage_key, issued_on, expires_on, uploaded_by,
              uploaded_at)`,
    [
      associationId,
      column((d) => d.plan.id),
      column((d) => d.plan.personId),
      column((d) => d.plan.kind),
      column((d) => d.fileName),
      column((d) => d.plan.mediaType),
      column((d) => d.size),
      column((d) => d.storageKey),
      column((d) => d.plan.issuedOn),
      column((d) => d.plan.expiresOn),
      column((d) => d.plan.uploadedBy),
      column((d) => d.plan.uploadedAt),
    ],
  );
  const events = documents.map((d) =>
    journalEvent(
      random,
      d.personId,
      'administrative_step',
      d.uploadedAt,
      d.uploadedBy,
      documentJournalText({ kind: d.kind, expiresOn: d.expiresOn }),
    ),
  );
  const eventRows = await insertCasework(ctx, cipher, associationId, events, [], ctx.now);
  // The expiry reminder as the service raised it at upload (its "today" was the upload day), with the
  // association's lead time.
  const [{ leadDays }] = await ctx.manager.query<{ leadDays: number }[]>(
    'SELECT document_expiry_lead_days AS "leadDays" FROM association WHERE id = $1',
    [associationId],
  );
  const reminders: ReminderRow[] = [];
  for (const plan of documents) {
    const person = people.get(plan.personId)!;
    for (const deadline of expiryDeadlines([{ ...plan, deletedAt: null }], plan.uploadedAt, leadDays)) {
      reminders.push(
        await reminderRow(
          ctx,
          cipher,
          random.uuid(),
          { kind: 'document', id: plan.id },
          {
            key: 'document_expiry',
            kind: 'document_expiry',
            dueOn: deadline.remindOn,
            deadlineOn: deadline.expiresOn,
            personId: plan.personId,
            assignee: { kind: 'referent', userId: person.referentId, siteId: person.siteId },
          },
        ),
      );
    }
  }
  const reminderCount = await insertReminderRows(ctx, associationId, reminders);
  return { rows: documents.length + eventRows + reminderCount, reminders: reminderCount };
}

/**
 * The referrals of one batch, their journal entries and the follow-up reminders as the partners
 * service leaves them: raised at creation, then done when the outcome ended the referral,
 * cancelled when it was cancelled, still open otherwise.
 */
export async function insertReferrals(
  ctx: RequestContext,
  cipher: FieldCipher,
  random: Random,
  associationId: string,
  people: ReadonlyMap<string, CaseFilePerson>,
  referrals: readonly ReferralPlan[],
): Promise<CaseFileRows> {
  if (referrals.length === 0) return { rows: 0, reminders: 0 };
  const reasons: Buffer[] = [];
  for (const r of referrals) {
    reasons.push(await cipher.encryptText(ctx, { table: 'referral', column: 'reason', rowId: r.id }, r.reason));
  }
  const column = <T>(pick: (r: ReferralPlan) => T) => referrals.map(pick);
  await ctx.manager.query(
    `INSERT INTO referral (id, association_id, person_id, partner_id, reason, referred_on, outcome, follow_up_on,
        shared_categories, pseudonymous, created_by, created_at, updated_at, version)
     SELECT id, $1, person_id, partner_id, reason, referred_on, outcome, follow_up_on,
        string_to_array(shared_categories, ',')::varchar[], pseudonymous, created_by, created_at,
        coalesce(outcome_at, created_at), CASE WHEN outcome_at IS NULL THEN 1 ELSE 2 END
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::bytea[], $6::date[], $7::varchar[], $8::date[],
                   $9::text[], $10::boolean[], $11::uuid[], $12::timestamptz[], $13::timestamptz[])
         AS t(id, person_id, partner_id, reason, referred_on, outcome, follow_up_on, shared_categories, pseudonymous,
              created_by, created_at, outcome_at)`,
    [
      associationId,
      column((r) => r.id),
      column((r) => r.personId),
      column((r) => r.partner.id),
      reasons,
      column((r) => r.referredOn),
      column((r) => r.outcome),
      column((r) => r.followUpOn),
      column((r) => r.sharedCategories.join(',')),
      column((r) => r.pseudonymous),
      column((r) => r.createdBy),
      column((r) => r.createdAt),
      column((r) => r.outcomeAt),
    ],
  );
  const events = referrals.map((r) =>
    journalEvent(
      random,
      r.personId,
      'orientation',
      r.createdAt,
      r.createdBy,
      referralJournalText({
        partnerName: r.partner.name,
        kind: r.partner.kind,
        pseudonymous: r.pseudonymous,
        categories: r.sharedCategories,
      }),
    ),
  );
  const eventRows = await insertCasework(ctx, cipher, associationId, events, [], ctx.now);
  const reminders: ReminderRow[] = [];
  for (const r of referrals) {
    const person = people.get(r.personId)!;
    const placement = { referentId: person.referentId, siteId: person.siteId };
    const raised = followUpPlan({ personId: r.personId, outcome: 'pending', followUpOn: r.followUpOn }, placement);
    if (raised.action !== 'raise') continue;
    const final = followUpPlan({ personId: r.personId, outcome: r.outcome, followUpOn: r.followUpOn }, placement);
    for (const input of raised.reminders) {
      const closed =
        final.action === 'done'
          ? { status: 'done' as const, at: r.outcomeAt ?? ctx.now, by: r.createdBy }
          : final.reminders.some((k) => k.key === input.key)
            ? null
            : { status: 'cancelled' as const };
      reminders.push(
        await reminderRow(
          ctx,
          cipher,
          random.uuid(),
          { kind: 'referral', id: r.id },
          { ...input, personId: r.personId },
          closed,
        ),
      );
    }
  }
  const reminderCount = await insertReminderRows(ctx, associationId, reminders);
  return { rows: referrals.length + eventRows + reminderCount, reminders: reminderCount };
}

/** The consents referrals need that the persons had not given, as rows of their consent ledger. */
export function referralConsents(
  referrals: readonly ReferralPlan[],
): { personId: string; id: string; purpose: ConsentPurpose; partnerId: string | null; recordedAt: Date }[] {
  return referrals.flatMap((r) => (r.consent ? [{ personId: r.personId, ...r.consent }] : []));
}
