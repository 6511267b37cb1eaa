export { Appointment } from './appointment.entity';
export { caseworkError, CaseworkErrorCode } from './casework.errors';
export { isContact, mayReadNote } from './casework.rules';
export {
  CaseworkService,
  type AppointmentChange,
  type JournalEventChange,
  type JournalFilter,
  type NewAppointment,
  type NewJournalEvent,
} from './casework.service';
export { JournalEvent, JournalEventVersion } from './journal-event.entity';
export { CASEWORK_RESYNC_BATCH, caseworkJobHandlers } from './reminder-sync';

import { Appointment } from './appointment.entity';
import { JournalEvent, JournalEventVersion } from './journal-event.entity';

export const CASEWORK_ENTITIES = [JournalEvent, JournalEventVersion, Appointment];

/** The encrypted columns, for data-key rotation. */
export const CASEWORK_ENCRYPTED_COLUMNS = [
  { table: 'journal_event', column: 'text' },
  { table: 'journal_event_version', column: 'text' },
  { table: 'appointment', column: 'details' },
];
