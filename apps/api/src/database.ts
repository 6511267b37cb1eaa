import { ACCESS_ENTITIES } from '@app/access';
import { AUDIT_ENTITIES } from '@app/audit';
import { AUTH_ENTITIES } from '@app/auth';
import { PATHWAYS_ENTITIES } from '@app/pathways';
import { CASEWORK_ENTITIES } from '@app/casework';
import { DOCUMENTS_ENTITIES } from '@app/documents';
import { OUTREACH_ENTITIES } from '@app/outreach';
import { PARTNERS_ENTITIES } from '@app/partners';
import { PEOPLE_ENTITIES } from '@app/people';
import { createDataSource, DataKey, OutboxJob } from '@app/platform';
import { REMINDER_ENTITIES } from '@app/reminders';
import { migrations } from '../../../migrations';

/** Every entity of every lib, registered once here (the composition root). */
export const ENTITIES = [
  ...AUTH_ENTITIES,
  ...ACCESS_ENTITIES,
  ...AUDIT_ENTITIES,
  OutboxJob,
  DataKey,
  ...PEOPLE_ENTITIES,
  ...REMINDER_ENTITIES,
  ...PATHWAYS_ENTITIES,
  ...CASEWORK_ENTITIES,
  ...DOCUMENTS_ENTITIES,
  ...PARTNERS_ENTITIES,
  ...OUTREACH_ENTITIES,
];

export const MIGRATIONS = migrations;

/** The owner's data source: migrations, CLI and seeds. */
export function ownerDataSource(url: string) {
  return createDataSource({
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    poolSize: 2,
    applicationName: 'envol-owner',
  });
}
