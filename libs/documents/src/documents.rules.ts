import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import type { DocumentKind, DocumentMediaType, ExpiryState } from '@app/contracts';

const ZONE = 'Europe/Paris';

/** What the content's signature says (file-type's answer), mapped to the types we keep; else null. */
const ACCEPTED: Record<string, DocumentMediaType> = {
  'application/pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/heic': 'image/heic',
  'image/heic-sequence': 'image/heic',
  'image/heif': 'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text': 'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet': 'application/vnd.oasis.opendocument.spreadsheet',
  // Legacy .doc and .xls are Compound File Binary containers.
  'application/x-cfb': 'application/x-cfb',
};

/** The declared type and the extension are never read: only the sniffed type decides. */
export function acceptedMediaType(sniffed: string | undefined): DocumentMediaType | null {
  return (sniffed && ACCEPTED[sniffed]) || null;
}

/** Shown inline in the browser (preview); everything else is downloaded as an attachment. */
export function previewable(mediaType: string): boolean {
  return mediaType === 'application/pdf' || mediaType === 'image/jpeg' || mediaType === 'image/png';
}

/** The Paris calendar day of an instant, as YYYY-MM-DD. */
export function parisDay(now: Date): string {
  return format(new TZDate(now, ZONE), 'yyyy-MM-dd');
}

/** Expired on the day after `expiresOn`; "soon" within `leadDays` (inclusive). */
export function expiryState(expiresOn: string | null, now: Date, leadDays: number): ExpiryState {
  if (!expiresOn) return 'none';
  const today = parisDay(now);
  if (expiresOn < today) return 'expired';
  const horizon = format(addDays(new TZDate(`${today}T12:00:00`, ZONE), leadDays), 'yyyy-MM-dd');
  return expiresOn <= horizon ? 'soon' : 'valid';
}

export interface ExpiryDeadline {
  documentId: string;
  personId: string;
  kind: DocumentKind;
  /** The last valid day of the document. */
  expiresOn: string;
  /** When a reminder is due: `leadDays` before expiry, never before today. */
  remindOn: string;
}

/**
 * Expiry deadlines for the reminders (DESIGN.md decision 5: each lib computes its own deadlines
 * with pure rules): live documents with an expiry date, reminder `leadDays` before, sorted by date.
 */
export function expiryDeadlines(
  documents: readonly {
    id: string;
    personId: string;
    kind: string;
    expiresOn: string | null;
    deletedAt: Date | null;
  }[],
  now: Date,
  leadDays: number,
): ExpiryDeadline[] {
  const today = parisDay(now);
  return documents
    .filter((d): d is typeof d & { expiresOn: string } => Boolean(d.expiresOn) && d.deletedAt === null)
    .map((d) => {
      const lead = format(addDays(new TZDate(`${d.expiresOn}T12:00:00`, ZONE), -leadDays), 'yyyy-MM-dd');
      return {
        documentId: d.id,
        personId: d.personId,
        kind: d.kind as DocumentKind,
        expiresOn: d.expiresOn,
        remindOn: lead < today ? today : lead,
      };
    })
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.documentId.localeCompare(b.documentId));
}

/** A name safe for a Content-Disposition header: no path, no control or quote characters. */
export function safeDownloadName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .trim()
    .slice(0, 150);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

// ── chunked encryption framing ──

/** Plaintext bytes per encrypted chunk. */
export const CHUNK_BYTES = 64 * 1024;

/** Splits plaintext into chunks; an empty file is one empty chunk (so a "last" chunk always exists). */
export function chunksOf(data: Buffer, size = CHUNK_BYTES): Buffer[] {
  if (data.length === 0) return [Buffer.alloc(0)];
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

/** Each sealed chunk is stored as a 4-byte big-endian length followed by its bytes. */
export function frame(sealed: readonly Buffer[]): Buffer {
  return Buffer.concat(
    sealed.flatMap((s) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(s.length, 0);
      return [length, s];
    }),
  );
}

/** The sealed chunks of a stored blob; throws on a malformed frame. */
export function unframe(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 4 > blob.length) throw new Error('Truncated frame');
    const length = blob.readUInt32BE(offset);
    offset += 4;
    if (offset + length > blob.length) throw new Error('Truncated chunk');
    out.push(blob.subarray(offset, offset + length));
    offset += length;
  }
  if (out.length === 0) throw new Error('Empty blob');
  return out;
}

/**
 * The associated data of one chunk: document, position, and whether it is the last one, so
 * chunks cannot be reordered, moved to another document, dropped from the end or appended to.
 * (The association is bound by the field cipher itself.)
 */
export function chunkRowId(documentId: string, index: number, last: boolean): string {
  return `${documentId}/${index}/${last ? 'last' : 'more'}`;
}

const DOCUMENT_KIND_FR: Record<DocumentKind, string> = {
  identity: 'pièce d’identité',
  residence_permit: 'titre de séjour',
  prefect_decision: 'décision du préfet',
  commission_opinion: 'avis de la commission',
  sworn_statement: 'attestation sur l’honneur',
  medical: 'document médical',
  other: 'autre document',
};

/** The journal entry an upload leaves in the file's timeline: the kind and dates, never the file name. */
export function documentJournalText(document: { kind: DocumentKind; expiresOn: string | null }): string {
  return `Document ajouté au dossier : ${DOCUMENT_KIND_FR[document.kind]}${
    document.expiresOn ? `, valable jusqu’au ${document.expiresOn.split('-').reverse().join('/')}` : ''
  }.`;
}
