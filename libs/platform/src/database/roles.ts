import { Client } from 'pg';

/** The three database roles of DESIGN.md decision 1. Names are fixed; passwords are per deployment. */
export const DB_ROLES = {
  owner: 'envol_owner',
  app: 'envol_app',
  system: 'envol_system',
} as const;

export interface RolePasswords {
  owner: string;
  app: string;
  system: string;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/**
 * Creates (or aligns) the roles, as a superuser. Roles are cluster-wide, so this runs once per
 * cluster: the embedded first run, the compose init script, the test global set-up.
 */
export async function ensureRoles(superuser: Client, passwords?: RolePasswords): Promise<void> {
  const attrs: Record<keyof typeof DB_ROLES, string> = {
    owner: 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE CREATEDB',
    app: 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB',
    system: 'LOGIN NOSUPERUSER BYPASSRLS NOCREATEROLE NOCREATEDB',
  };
  for (const key of Object.keys(DB_ROLES) as (keyof typeof DB_ROLES)[]) {
    const role = DB_ROLES[key];
    const password = passwords ? ` PASSWORD ${quoteLiteral(passwords[key])}` : '';
    const exists = await superuser.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    const verb = exists.rowCount ? 'ALTER' : 'CREATE';
    try {
      await superuser.query(`${verb} ROLE ${quoteIdent(role)} WITH ${attrs[key]}${password}`);
    } catch (error) {
      // Two bootstraps racing on one cluster: the loser finds the role created by the winner.
      if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42710') throw error;
    }
  }
}

/** Creates the database owned by `envol_owner` if missing, and lets the runtime roles in. */
export async function ensureDatabase(superuser: Client, database: string, template?: string): Promise<boolean> {
  const exists = await superuser.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount) return false;
  const templateClause = template ? ` TEMPLATE ${quoteIdent(template)}` : '';
  await superuser.query(`CREATE DATABASE ${quoteIdent(database)} OWNER ${DB_ROLES.owner}${templateClause}`);
  await superuser.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${DB_ROLES.app}, ${DB_ROLES.system}`);
  return true;
}

/** Replaces user and password in a connection URL (same host, port and database). */
export function urlFor(baseUrl: string, user: string, password: string | undefined, database?: string): string {
  const url = new URL(baseUrl);
  url.username = encodeURIComponent(user);
  url.password = password ? encodeURIComponent(password) : '';
  if (database) url.pathname = `/${database}`;
  return url.toString();
}
