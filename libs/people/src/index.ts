export { Consent, FileNumberCounter, Person, PersonSearchToken } from './person.entity';
export { peopleError, PeopleErrorCode } from './people.errors';
export { PeopleService, type CaseloadFilter, type NewPerson, type PersonChange } from './people.service';
export { displayName, formatFileNumber, isMinor, personReminders, type PeopleReminderSettings } from './people.rules';
export { PEOPLE_RESYNC_BATCH, peopleJobHandlers } from './reminder-sync';
export { readsCaseContent, scopeFilter, type ScopeFilter } from './people.policy';

import { Consent, FileNumberCounter, Person, PersonSearchToken } from './person.entity';

export const PEOPLE_ENTITIES = [Person, PersonSearchToken, Consent, FileNumberCounter];

/** The encrypted columns, for data-key rotation. */
export const PEOPLE_ENCRYPTED_COLUMNS = [
  { table: 'person', column: 'identity' },
  { table: 'person', column: 'safe_contact' },
];
