import type { DataSource } from 'typeorm';
import { ConfigError } from '../config/config';

/**
 * The API and job handlers must run as a role that row-level security binds (DESIGN.md decision 1):
 * not the owner of any table, not superuser, no BYPASSRLS. Checked at start-up; refused in one line.
 */
export async function assertRuntimeRole(dataSource: DataSource): Promise<void> {
  const [role] = await dataSource.query<{ name: string; superuser: boolean; bypass: boolean; owned: number }[]>(
    `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
            (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relowner = r.oid AND n.nspname = 'public') AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const problems = [
    role?.superuser ? 'is superuser' : '',
    role?.bypass ? 'has BYPASSRLS' : '',
    role && role.owned > 0 ? 'owns tables' : '',
  ].filter(Boolean);
  if (!role || problems.length > 0) {
    throw new ConfigError(
      `Invalid configuration: DATABASE_URL must connect as envol_app; its role ${role?.name ?? '?'} ${problems.join(', ')}`,
    );
  }
}
