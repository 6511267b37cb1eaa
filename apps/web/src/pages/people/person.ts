// Person-file form state and checks. Pure, so the components stay thin.
import type { PersonFile, PersonStatus } from '@app/contracts';
import type { PersonDraft } from '../../api/people';

export const PERSONS_NEW_PATH = '/persons/new';
export const PERSON_PATH_PATTERN = '/persons/:id';
export const personPath = (id: string) => `/persons/${encodeURIComponent(id)}`;
export const MASK_STORAGE_KEY = 'envol.maskNames';

export type FormDraft = Required<PersonDraft>;

export function emptyDraft(): FormDraft {
  return {
    status: 'contact',
    identity: {
      legalName: null,
      usedName: null,
      aliases: [],
      birthDate: null,
      phones: [],
      email: null,
      address: null,
      verification: 'unverified',
      documents: [],
    },
    safeContact: { channel: null, hours: null, neverCall: false, codeWord: null, lettersAllowed: false },
    attributes: {
      birthYear: null,
      gender: 'not_stated',
      nationalityGroup: 'not_stated',
      languages: [],
      departement: null,
    },
  };
}

export function draftOf(file: PersonFile): FormDraft {
  return { status: file.status, identity: file.identity, safeContact: file.safeContact, attributes: file.attributes };
}

/** Blank text is sent as null, not as an empty string the API would keep. */
export function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export type FieldProblem =
  'nameRequired' | 'email' | 'birthDate' | 'phone' | 'birthYear' | 'departement' | 'language' | 'tooLong';

const PHONE = /^[+\d][\d\s().-]{5,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DEPARTEMENT = /^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/;

/** The fields the API would refuse, keyed by field name, before anything is sent. */
export function checkDraft(draft: FormDraft): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const { identity, attributes, safeContact } = draft;
  if (!identity.legalName?.trim() && !identity.usedName?.trim()) problems['usedName'] = 'nameRequired';
  if ((identity.legalName ?? '').length > 200) problems['legalName'] = 'tooLong';
  if ((identity.usedName ?? '').length > 200) problems['usedName'] = 'tooLong';
  if (identity.email && !EMAIL.test(identity.email)) problems['email'] = 'email';
  if (identity.birthDate && !/^(19|20)\d{2}-\d{2}-\d{2}$/.test(identity.birthDate)) problems['birthDate'] = 'birthDate';
  if (identity.phones.some((phone) => !PHONE.test(phone))) problems['phones'] = 'phone';
  if ((identity.address ?? '').length > 500) problems['address'] = 'tooLong';
  if ((safeContact.hours ?? '').length > 120) problems['hours'] = 'tooLong';
  if ((safeContact.codeWord ?? '').length > 60) problems['codeWord'] = 'tooLong';
  const year = attributes.birthYear;
  if (year !== null && (!Number.isInteger(year) || year < 1900 || year > 2100)) problems['birthYear'] = 'birthYear';
  if (attributes.departement && !DEPARTEMENT.test(attributes.departement)) problems['departement'] = 'departement';
  if (attributes.languages.some((code) => !/^[a-z]{2,3}$/.test(code))) problems['languages'] = 'language';
  return problems;
}

/** What is sent: texts trimmed, blank ones null. */
export function normalizeDraft(draft: FormDraft): FormDraft {
  const { identity, safeContact, attributes } = draft;
  return {
    status: draft.status,
    identity: {
      ...identity,
      legalName: blankToNull(identity.legalName ?? ''),
      usedName: blankToNull(identity.usedName ?? ''),
      email: blankToNull(identity.email ?? ''),
      address: blankToNull(identity.address ?? ''),
      birthDate: blankToNull(identity.birthDate ?? ''),
    },
    safeContact: {
      ...safeContact,
      hours: blankToNull(safeContact.hours ?? ''),
      codeWord: blankToNull(safeContact.codeWord ?? ''),
    },
    attributes: { ...attributes, departement: blankToNull(attributes.departement ?? '') },
  };
}

export function sameDraft(a: FormDraft, b: FormDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const STATUS_TONES: Record<PersonStatus, 'pending' | 'positive' | 'neutral'> = {
  contact: 'pending',
  accompanied: 'positive',
  closed: 'neutral',
};

/** The file numbers a 409 DUPLICATE_SUSPECTED names. */
export function duplicateFileNumbers(details: readonly { field?: string; code: string }[]): string[] {
  return details.filter((detail) => detail.field === 'fileNumber').map((detail) => detail.code);
}
