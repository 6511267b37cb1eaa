/** The journal and appointments: what the API and the web UI exchange (DESIGN.md "HTTP API", casework row). */

/**
 * Journal event types, as social workers name what they did. A complaint is an optional event the
 * person may choose to log, never a gate (domain/psp.md, Conseil d'État 19 Nov 2021).
 */
export type JournalEventType =
  | 'interview'
  | 'phone_call'
  | 'accompaniment'
  | 'administrative_step'
  | 'orientation'
  | 'premises_visit'
  | 'safety_incident'
  | 'complaint_filed'
  | 'other';
export const JOURNAL_EVENT_TYPES: readonly JournalEventType[] = [
  'interview',
  'phone_call',
  'accompaniment',
  'administrative_step',
  'orientation',
  'premises_visit',
  'safety_incident',
  'complaint_filed',
  'other',
];

/** Where an accompaniment went (accompagnement physique): préfecture, hospital, court, bank… */
export type AccompanimentPlace =
  'prefecture' | 'hospital' | 'court' | 'police' | 'bank' | 'social_services' | 'housing' | 'employment' | 'other';
export const ACCOMPANIMENT_PLACES: readonly AccompanimentPlace[] = [
  'prefecture',
  'hospital',
  'court',
  'police',
  'bank',
  'social_services',
  'housing',
  'employment',
  'other',
];

/** Who was present, as categories (names, when needed, go in the encrypted text). */
export type Attendee = 'person' | 'interpreter' | 'colleague' | 'partner' | 'relative' | 'other';
export const ATTENDEES: readonly Attendee[] = ['person', 'interpreter', 'colleague', 'partner', 'relative', 'other'];

/**
 * Who reads a note besides its author: `team` (the person's team and the coordinators of the
 * person's site), `referent` (the person's referent), `author` (nobody else).
 */
export type Confidentiality = 'team' | 'referent' | 'author';
export const CONFIDENTIALITY_LEVELS: readonly Confidentiality[] = ['team', 'referent', 'author'];

export interface JournalEventView {
  id: string;
  personId: string;
  type: JournalEventType;
  accompanimentPlace: AccompanimentPlace | null;
  occurredAt: string;
  durationMinutes: number | null;
  attendees: Attendee[];
  text: string;
  /** A pathway goal this note serves (optional). */
  goalId: string | null;
  confidentiality: Confidentiality;
  authorId: string;
  /** Edited after it was first written (its earlier versions are kept). */
  edited: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface JournalEventVersionView {
  version: number;
  type: JournalEventType;
  accompanimentPlace: AccompanimentPlace | null;
  occurredAt: string;
  durationMinutes: number | null;
  attendees: Attendee[];
  text: string;
  goalId: string | null;
  confidentiality: Confidentiality;
  editedBy: string;
  recordedAt: string;
}

/** For the DPO: a deleted note's existence and metadata, never its text. */
export interface DeletedJournalEventView {
  id: string;
  personId: string;
  type: JournalEventType;
  occurredAt: string;
  confidentiality: Confidentiality;
  authorId: string;
  createdAt: string;
  deletedAt: string;
  deletedBy: string | null;
  versions: number;
}

/** With the person themselves, or on their behalf with someone else (partner, administration). */
export type AppointmentCounterpart =
  'person' | 'administration' | 'partner' | 'health' | 'justice' | 'housing' | 'employment' | 'other';
export const APPOINTMENT_COUNTERPARTS: readonly AppointmentCounterpart[] = [
  'person',
  'administration',
  'partner',
  'health',
  'justice',
  'housing',
  'employment',
  'other',
];

export type AppointmentStatus = 'planned' | 'done' | 'missed' | 'cancelled';
export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['planned', 'done', 'missed', 'cancelled'];

export interface AppointmentView {
  id: string;
  personId: string;
  startsAt: string;
  durationMinutes: number;
  counterpart: AppointmentCounterpart;
  /** The person attends (always when the counterpart is the person). */
  personAttends: boolean;
  /** Encrypted at rest: may name a partner or an address. */
  place: string;
  purpose: string;
  organiserId: string;
  /** The worker who accompanies the person, if any. */
  accompaniedById: string | null;
  status: AppointmentStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AgendaItem extends AppointmentView {
  fileNumber: string;
  displayName: string;
}
