import { randomUUID } from 'node:crypto';
import { sql } from './sql';
import type { TestApp } from './test-app';

export interface NewReminder {
  associationId: string;
  personId?: string | null;
  siteId?: string | null;
  assigneeUserId?: string | null;
  assigneeRole?: 'coordinator' | 'admin' | null;
  dueOn: string;
  kind?: string;
  status?: string;
}

/** A reminder written directly (as the superuser), for tests of the routes that read and close them. */
export async function createReminder(t: TestApp, r: NewReminder): Promise<string> {
  const id = randomUUID();
  await sql(
    t.db.superuserUrl,
    `INSERT INTO reminder (id, version, association_id, person_id, site_id, kind, key, source_kind, source_id, due_on,
        deadline_on, assignee_user_id, assignee_role, status)
     VALUES ($1, 1, $2, $3, $4, $5, $5, 'test', $1, $6, $6, $7, $8, $9)`,
    [
      id,
      r.associationId,
      r.personId ?? null,
      r.siteId ?? null,
      r.kind ?? 'no_contact',
      r.dueOn,
      r.assigneeUserId ?? null,
      r.assigneeRole ?? null,
      r.status ?? 'pending',
    ],
  );
  return id;
}
