#!/usr/bin/env bash
# Creates Envol's database and its three roles (DESIGN.md, core decision 1):
#   envol_owner   owns the database and its public schema; runs migrations, the CLI and seeds
#   envol_app     runtime role of api and worker: owns nothing, no superuser, no BYPASSRLS
#   envol_system  BYPASSRLS, for the outbox relay, the sweep, reminder selection and the sealer
#
# The postgres image runs it once, from /docker-entrypoint-initdb.d, when the data volume is
# empty. It is idempotent, so it can also be rerun by hand to set new passwords:
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-envol-roles.sh
# Each password comes from ENVOL_<ROLE>_DB_PASSWORD or from a file named by
# ENVOL_<ROLE>_DB_PASSWORD_FILE (a Docker secret, for instance).
# Table grants and default privileges are not set here: the migrations set them.

# The image sources init scripts that are not executable: run in a shell of our own instead, so
# our shell options do not leak into the image's entrypoint.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  bash "${BASH_SOURCE[0]}"
  return
fi

set -euo pipefail

db_name="${ENVOL_DB_NAME:-envol}"

# Reads VAR, or the file named by VAR_FILE; fails when neither is set.
read_secret() {
  local var="$1" file_var="${1}_FILE"
  if [[ -n "${!var:-}" && -n "${!file_var:-}" ]]; then
    echo "init-roles: set either $var or $file_var, not both" >&2
    exit 1
  fi
  if [[ -n "${!file_var:-}" ]]; then
    cat -- "${!file_var}"
  elif [[ -n "${!var:-}" ]]; then
    printf '%s' "${!var}"
  else
    echo "init-roles: $var (or $file_var) is required" >&2
    exit 1
  fi
}

# The passwords also go into the services' connection URLs, where only URL-unreserved
# characters are safe; refuse the example's placeholder and short passwords.
check_password() {
  local var="$1" value="$2"
  if [[ "$value" == change-me || ! "$value" =~ ^[A-Za-z0-9._~-]{16,}$ ]]; then
    echo "init-roles: $var must be at least 16 letters, digits or . _ ~ - (try: openssl rand -hex 32)" >&2
    exit 1
  fi
}

owner_password="$(read_secret ENVOL_OWNER_DB_PASSWORD)"
app_password="$(read_secret ENVOL_APP_DB_PASSWORD)"
system_password="$(read_secret ENVOL_SYSTEM_DB_PASSWORD)"
check_password ENVOL_OWNER_DB_PASSWORD "$owner_password"
check_password ENVOL_APP_DB_PASSWORD "$app_password"
check_password ENVOL_SYSTEM_DB_PASSWORD "$system_password"

psql_as_superuser=(psql -v ON_ERROR_STOP=1 -X -q --username "${POSTGRES_USER:-postgres}" --no-password)

# Passwords travel as psql variables and are quoted by psql (:'name'), never pasted into SQL.
"${psql_as_superuser[@]}" --dbname postgres \
  -v db_name="$db_name" \
  -v owner_password="$owner_password" \
  -v app_password="$app_password" \
  -v system_password="$system_password" <<'SQL'
SELECT 'CREATE ROLE envol_owner' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'envol_owner') \gexec
SELECT 'CREATE ROLE envol_app' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'envol_app') \gexec
SELECT 'CREATE ROLE envol_system' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'envol_system') \gexec

ALTER ROLE envol_owner WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'owner_password';
ALTER ROLE envol_app WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_password';
ALTER ROLE envol_system WITH LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'system_password';

SELECT format('CREATE DATABASE %I OWNER envol_owner', :'db_name')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name') \gexec
SELECT format('ALTER DATABASE %I OWNER TO envol_owner', :'db_name') \gexec
SELECT format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', :'db_name') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO envol_app, envol_system', :'db_name') \gexec
SQL

# Since PostgreSQL 15 the public schema belongs to pg_database_owner, that is envol_owner here,
# and nobody else may create in it. The runtime roles only need to look it up.
"${psql_as_superuser[@]}" --dbname "$db_name" <<'SQL'
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO envol_app, envol_system;
SQL

echo "init-roles: database $db_name and roles envol_owner, envol_app, envol_system are ready"
