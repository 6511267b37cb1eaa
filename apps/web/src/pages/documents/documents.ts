// Pure helpers of the document, referral and outreach screens (documents, referrals, outreach), unit-tested.
import type { DocumentView, ExpiryState, OutreachTallies } from '@app/contracts';
import type { Tone } from '../../components/StateLabel';

/** Green, orange, red: the words say it too (colour is never the only signal). */
export function expiryTone(state: ExpiryState): Tone {
  return state === 'expired' ? 'negative' : state === 'soon' ? 'warning' : state === 'valid' ? 'positive' : 'neutral';
}

export function formatBytes(bytes: number, language: string): string {
  const locale = language.startsWith('en') ? 'en-GB' : 'fr-FR';
  const units = language.startsWith('en') ? ['B', 'KB', 'MB'] : ['o', 'Ko', 'Mo'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

export type PreviewKind = 'image' | 'pdf' | null;

/** What the browser can show inline: PNG, JPEG (images) and PDF; HEIC and office files download. */
export function previewKind(document: Pick<DocumentView, 'mediaType'>): PreviewKind {
  if (document.mediaType === 'image/png' || document.mediaType === 'image/jpeg') return 'image';
  if (document.mediaType === 'application/pdf') return 'pdf';
  return null;
}

/** Checked in the browser before sending; the server checks the content itself. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type UploadProblem = 'noFile' | 'tooLarge' | 'datesInverted';

export function uploadProblems(input: { file: File | null; issuedOn: string; expiresOn: string }): UploadProblem[] {
  const problems: UploadProblem[] = [];
  if (!input.file) problems.push('noFile');
  else if (input.file.size > MAX_UPLOAD_BYTES) problems.push('tooLarge');
  if (input.issuedOn && input.expiresOn && input.expiresOn < input.issuedOn) problems.push('datesInverted');
  return problems;
}

/** Today in Paris, as YYYY-MM-DD (the default date of a referral or an outreach session). */
export function parisToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

export type TallyProblem = 'newContactsOverMet' | 'genderOverMet' | 'languageOverMet';

const sum = (counts: Partial<Record<string, number>> = {}) =>
  Object.values(counts).reduce<number>((total, n) => total + (n ?? 0), 0);

/** The same checks as the server's, said before sending. */
export function tallyProblems(tallies: OutreachTallies): TallyProblem[] {
  const problems: TallyProblem[] = [];
  if (tallies.newContacts > tallies.peopleMet) problems.push('newContactsOverMet');
  if (sum(tallies.gender) > tallies.peopleMet) problems.push('genderOverMet');
  if (sum(tallies.firstLanguage) > tallies.peopleMet) problems.push('languageOverMet');
  return problems;
}
