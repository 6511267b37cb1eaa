// Checks the production docker-compose.yml against the deployment rules of DESIGN.md ("Running
// it", core decision 1): no Docker engine is needed, the file and the init script are read as text.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..');

type Service = {
  command?: string | string[];
  restart?: string;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  environment?: Record<string, string | number | boolean | null> | string[];
  secrets?: (string | { source: string; target?: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
};

type Compose = {
  services: Record<string, Service>;
  secrets?: Record<string, { file?: string }>;
};

const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as Compose;
const services = compose.services;

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function environment(svc: Service): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value == null ? '' : String(value)]));
}

function commandWords(svc: Service): string[] {
  const command = svc.command ?? [];
  return Array.isArray(command) ? command.map(String) : command.split(/\s+/).filter(Boolean);
}

// A value that is one compose variable reference with no default: ${NAME} or ${NAME:?message}.
const variableOnly = /^\$\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*)?\}$/;

const appServices = ['migrate', 'api', 'worker'];

describe('docker-compose.yml', () => {
  it('defines the postgres, redis, migrate, api and worker services', () => {
    expect(Object.keys(services).sort()).toEqual(
      expect.arrayContaining(['api', 'migrate', 'postgres', 'redis', 'worker']),
    );
  });

  it('gives postgres, redis and api a health check', () => {
    for (const name of ['postgres', 'redis', 'api']) {
      const test = service(name).healthcheck?.test;
      const words = Array.isArray(test) ? test : test ? [test] : [];
      expect({ name, disabled: service(name).healthcheck?.disable === true }).toEqual({ name, disabled: false });
      expect({ name, probe: words.length > 0 && words[0] !== 'NONE' }).toEqual({ name, probe: true });
    }
    expect(String(service('postgres').healthcheck?.test)).toContain('pg_isready');
    expect(String(service('redis').healthcheck?.test)).toContain('redis-cli ping');
    expect(String(service('api').healthcheck?.test)).toContain('/api/health');
  });

  it('runs redis with AOF on and no eviction', () => {
    const words = commandWords(service('redis'));
    const option = (name: string): string | undefined => {
      const at = words.indexOf(`--${name}`);
      return at < 0 ? undefined : words[at + 1];
    };
    expect(words[0]).toBe('redis-server');
    expect(option('appendonly')).toBe('yes');
    expect(option('maxmemory-policy')).toBe('noeviction');
  });

  it('runs migrate once, and starts api and worker only after it succeeded', () => {
    const migrate = service('migrate');
    expect(migrate.restart).toBe('no');
    expect(commandWords(migrate)).toEqual(['node', 'dist/apps/api/src/cli.js', 'migrate']);
    for (const name of ['api', 'worker']) {
      const dependsOn = service(name).depends_on;
      const condition = dependsOn && !Array.isArray(dependsOn) ? dependsOn.migrate?.condition : undefined;
      expect({ name, condition }).toEqual({ name, condition: 'service_completed_successfully' });
    }
  });

  it('gives migrate, api and worker the key file as the envol_keys secret', () => {
    expect(compose.secrets?.envol_keys?.file).toBe('./secrets/envol-keys.json');
    for (const name of appServices) {
      const secrets = (service(name).secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source));
      expect({ name, hasKeys: secrets.includes('envol_keys') }).toEqual({ name, hasKeys: true });
      expect({ name, keysFile: environment(service(name)).ENVOL_KEYS_FILE }).toEqual({
        name,
        keysFile: '/run/secrets/envol_keys',
      });
    }
  });

  it('holds no literal password in any service environment', () => {
    const offending: string[] = [];
    for (const [name, svc] of Object.entries(services)) {
      for (const [key, value] of Object.entries(environment(svc))) {
        if (/PASSWORD/i.test(key) && !/_FILE$/.test(key) && !variableOnly.test(value)) offending.push(`${name}.${key}`);
        const credentials = /^[a-z][a-z0-9+.-]*:\/\/([^/@]*)@/i.exec(value);
        const password = credentials?.[1]?.split(':').slice(1).join(':');
        if (password !== undefined && !variableOnly.test(password)) offending.push(`${name}.${key}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('creates the three database roles with the init script mounted into postgres', () => {
    const mounts = (service('postgres').volumes ?? []).map((volume) => {
      if (typeof volume !== 'string') return { source: volume.source ?? '', target: volume.target ?? '' };
      const [source = '', target = ''] = volume.split(':');
      return { source, target };
    });
    const init = mounts.find((m) => m.target.startsWith('/docker-entrypoint-initdb.d/'));
    expect(init?.source).toMatch(/deploy\/postgres\/init-roles\.sh$/);
    const script = path.resolve(root, init?.source ?? '');
    expect(existsSync(script)).toBe(true);

    const text = readFileSync(script, 'utf8');
    // Attributes given to a role by CREATE ROLE or ALTER ROLE statements, as upper-case words.
    const attributes = (role: string): Set<string> => {
      const found = new Set<string>();
      const statement = new RegExp(`\\b(?:CREATE|ALTER)\\s+ROLE\\s+"?${role}"?\\s+(?:WITH\\s+)?([^;\\n']*)`, 'gi');
      for (const match of text.matchAll(statement)) {
        for (const word of (match[1] ?? '').toUpperCase().split(/\s+/)) found.add(word);
      }
      return found;
    };
    const expected: Record<string, { present: string[]; absent: string[] }> = {
      envol_owner: { present: ['LOGIN'], absent: ['SUPERUSER', 'BYPASSRLS'] },
      envol_app: {
        present: ['LOGIN', 'NOSUPERUSER', 'NOBYPASSRLS', 'NOCREATEDB', 'NOCREATEROLE'],
        absent: ['SUPERUSER', 'BYPASSRLS', 'CREATEDB', 'CREATEROLE'],
      },
      envol_system: { present: ['LOGIN', 'BYPASSRLS', 'NOSUPERUSER'], absent: ['SUPERUSER', 'NOBYPASSRLS'] },
    };
    for (const [role, { present, absent }] of Object.entries(expected)) {
      const found = attributes(role);
      expect({ role, missing: present.filter((a) => !found.has(a)) }).toEqual({ role, missing: [] });
      expect({ role, forbidden: absent.filter((a) => found.has(a)) }).toEqual({ role, forbidden: [] });
    }
    expect(text).toMatch(/CREATE DATABASE %I OWNER envol_owner|CREATE DATABASE\s+"?envol"?\s+OWNER\s+"?envol_owner"?/i);
    expect(text).toMatch(/GRANT CONNECT ON DATABASE [^;]*TO envol_app, envol_system/i);
    expect(text).toMatch(/GRANT USAGE ON SCHEMA public TO envol_app, envol_system/i);
  });
});
