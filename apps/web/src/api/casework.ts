// The journal, appointments and agenda routes (DESIGN.md "HTTP API", casework row).
import type {
  AccompanimentPlace,
  AgendaItem,
  AppointmentCounterpart,
  AppointmentStatus,
  AppointmentView,
  Attendee,
  Confidentiality,
  JournalEventType,
  JournalEventVersionView,
  JournalEventView,
  Paged,
} from '@app/contracts';
import { apiRequest } from './client';

export interface NoteDraft {
  readonly type: JournalEventType;
  readonly text: string;
  readonly confidentiality?: Confidentiality;
  readonly occurredAt?: string;
  readonly durationMinutes?: number | null;
  readonly attendees?: Attendee[];
  readonly accompanimentPlace?: AccompanimentPlace | null;
}

export interface AppointmentDraft {
  readonly startsAt: string;
  readonly durationMinutes: number;
  readonly counterpart: AppointmentCounterpart;
  readonly personAttends?: boolean;
  readonly place: string;
  readonly purpose: string;
}

const personPath = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

export function fetchJournal(
  personId: string,
  options: { page: number; pageSize: number; type?: JournalEventType | '' },
  signal?: AbortSignal,
): Promise<Paged<JournalEventView>> {
  const query = new URLSearchParams({ page: String(options.page), pageSize: String(options.pageSize) });
  if (options.type) query.set('type', options.type);
  return apiRequest('GET', `${personPath(personId)}/events?${query.toString()}`, { signal });
}

export function logNote(personId: string, draft: NoteDraft): Promise<JournalEventView> {
  return apiRequest('POST', `${personPath(personId)}/events`, { body: draft });
}

export function editNote(id: string, change: Partial<NoteDraft> & { version: number }): Promise<JournalEventView> {
  return apiRequest('PATCH', `/api/events/${encodeURIComponent(id)}`, { body: change });
}

export function deleteNote(id: string): Promise<void> {
  return apiRequest('DELETE', `/api/events/${encodeURIComponent(id)}`);
}

export function fetchNoteVersions(id: string, signal?: AbortSignal): Promise<JournalEventVersionView[]> {
  return apiRequest('GET', `/api/events/${encodeURIComponent(id)}/versions`, { signal });
}

export function fetchAppointments(personId: string, past: boolean, signal?: AbortSignal): Promise<AppointmentView[]> {
  return apiRequest('GET', `${personPath(personId)}/appointments${past ? '?past=true' : ''}`, { signal });
}

export function planAppointment(personId: string, draft: AppointmentDraft): Promise<AppointmentView> {
  return apiRequest('POST', `${personPath(personId)}/appointments`, { body: draft });
}

export function setAppointmentStatus(id: string, status: AppointmentStatus, version: number): Promise<AppointmentView> {
  return apiRequest('PATCH', `/api/appointments/${encodeURIComponent(id)}`, { body: { status, version } });
}

export function fetchAgenda(from: Date, to: Date, signal?: AbortSignal): Promise<AgendaItem[]> {
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  return apiRequest('GET', `/api/agenda?${query.toString()}`, { signal });
}

export const caseworkKeys = {
  journal: (personId: string) => ['people', 'one', personId, 'journal'] as const,
  journalPage: (personId: string, type: string, pages: number) =>
    ['people', 'one', personId, 'journal', type, pages] as const,
  versions: (eventId: string) => ['events', eventId, 'versions'] as const,
  appointments: (personId: string) => ['people', 'one', personId, 'appointments'] as const,
  agenda: (from: string) => ['agenda', from] as const,
};
