import { GrantRuntimeRoles1795813180000 } from './1795813180000-grant-runtime-roles';
import { CreateAuthTables1795814239945 } from './1795814239945-create-auth-tables';
import { CreateAccessTables1795814996191 } from './1795814996191-create-access-tables';
import { RlsAccessTables1795815004000 } from './1795815004000-rls-access-tables';
import { CreateOutboxJob1795815381976 } from './1795815381976-create-outbox-job';
import { GrantSystemOutboxUpdate1795815389531 } from './1795815389531-grant-system-outbox-update';
import { CreateAuditTables1795816067857 } from './1795816067857-create-audit-tables';
import { AuditAppendOnly1795816087000 } from './1795816087000-audit-append-only';
import { CreateDataKey1795817510806 } from './1795817510806-create-data-key';
import { RlsDataKey1795817511000 } from './1795817511000-rls-data-key';
import { CreatePeopleTables1795818029466 } from './1795818029466-create-people-tables';
import { RlsPeopleTables1795818035000 } from './1795818035000-rls-people-tables';
import { CreateReminders1795824832109 } from './1795824832109-create-reminders';
import { RlsReminders1795824832200 } from './1795824832200-rls-reminders';
import { CreatePathwayTables1795823878872 } from './1795823878872-create-pathway-tables';
import { RlsPathwayTables1795823885000 } from './1795823885000-rls-pathway-tables';
import { CreateCaseworkTables1795823516118 } from './1795823516118-create-casework-tables';
import { RlsCaseworkTables1795823517000 } from './1795823517000-rls-casework-tables';
import { CreateDocumentTables1795823591011 } from './1795823591011-create-document-tables';
import { RlsDocumentTables1795823600000 } from './1795823600000-rls-document-tables';
import { LinkJournalEventGoal1795829394557 } from './1795829394557-link-journal-event-goal';
import { ReminderLeadTimes1795836074425 } from './1795836074425-reminder-lead-times';
import { PersonSiteFileNumberIndex1795838590253 } from './1795838590253-person-site-file-number-index';
import { CreateReminderDigest1795840076122 } from './1795840076122-create-reminder-digest';
import { RlsReminderDigest1795840076200 } from './1795840076200-rls-reminder-digest';

/**
 * Every migration, in order. TypeORM loads classes from this list rather than a file glob, so the
 * same list works compiled (CLI, production) and under jest; a unit test checks no file is missing.
 */
export const migrations = [
  GrantRuntimeRoles1795813180000,
  CreateAuthTables1795814239945,
  CreateAccessTables1795814996191,
  RlsAccessTables1795815004000,
  CreateOutboxJob1795815381976,
  GrantSystemOutboxUpdate1795815389531,
  CreateAuditTables1795816067857,
  AuditAppendOnly1795816087000,
  CreateDataKey1795817510806,
  RlsDataKey1795817511000,
  CreatePeopleTables1795818029466,
  RlsPeopleTables1795818035000,
  CreateCaseworkTables1795823516118,
  RlsCaseworkTables1795823517000,
  CreateDocumentTables1795823591011,
  RlsDocumentTables1795823600000,
  CreatePathwayTables1795823878872,
  RlsPathwayTables1795823885000,
  CreateReminders1795824832109,
  RlsReminders1795824832200,
  LinkJournalEventGoal1795829394557,
  ReminderLeadTimes1795836074425,
  PersonSiteFileNumberIndex1795838590253,
  CreateReminderDigest1795840076122,
  RlsReminderDigest1795840076200,
];
