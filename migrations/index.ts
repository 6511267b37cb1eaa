import { GrantRuntimeRoles1795813180000 } from './1795813180000-grant-runtime-roles';
import { CreateAuthTables1795814239945 } from './1795814239945-create-auth-tables';

/**
 * Every migration, in order. TypeORM loads classes from this list rather than a file glob, so the
 * same list works compiled (CLI, production) and under jest; a unit test checks no file is missing.
 */
export const migrations = [GrantRuntimeRoles1795813180000, CreateAuthTables1795814239945];
