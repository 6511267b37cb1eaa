export { AuditEntry, AuditOutcome } from './audit-entry.entity';
export { AuditModule } from './audit.module';
export { AuditSeal } from './audit-seal.entity';
export { AuditSealer } from './audit-sealer';
export { AuditService, type AuditEntryView, type AuditEvent, type AuditFilter } from './audit.service';
export { AuditVerifier, type ProblemKind, type VerificationProblem, type VerificationReport } from './audit-verifier';
export { csvCell, toCsv } from './csv';

import { AuditEntry } from './audit-entry.entity';
import { AuditSeal } from './audit-seal.entity';

export const AUDIT_ENTITIES = [AuditEntry, AuditSeal];
