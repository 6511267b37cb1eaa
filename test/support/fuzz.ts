/**
 * A small OpenAPI-driven input generator for the fuzz run: values from each operation's schemas,
 * valid and mutated (wrong types, huge strings, Unicode, nulls, prototype keys), from a seeded PRNG
 * so that a failure replays exactly.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY_STRINGS = [
  '',
  ' ',
  'a'.repeat(100_000),
  '𝕰𝖓𝖛𝖔𝖑 🐢‍🔥 ٱلْعَرَبِيَّة עִברִית',
  '\u0000\u0001\u001f',
  '\uD800',
  "' OR 1=1; DROP TABLE user_account; --",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://x}',
  '=HYPERLINK("http://x")',
  '{{7*7}}',
  'NaN',
  '-1',
  '1e309',
  'null',
  'true',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

export class Generator {
  constructor(
    private readonly random: () => number,
    private readonly components: Record<string, SchemaObject>,
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  resolve(schema: SchemaObject | undefined): SchemaObject {
    if (!schema) return {};
    if (schema.$ref) return this.resolve(this.components[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length) return this.resolve(schema.allOf[0]);
    if (schema.oneOf?.length) return this.resolve(this.pick(schema.oneOf));
    return schema;
  }

  /** A value that should pass validation. */
  valid(input: SchemaObject | undefined, depth = 0): Json {
    const schema = this.resolve(input);
    if (schema.enum?.length) return this.pick(schema.enum) as Json;
    switch (schema.type) {
      case 'string':
        if (schema.format === 'uuid') return crypto.randomUUID();
        if (schema.format === 'email') return `fuzz.${Math.floor(this.random() * 1e9)}@example.test`;
        return (
          'fuzz-' +
          Math.floor(this.random() * 1e9)
            .toString(36)
            .slice(0, Math.max(1, (schema.maxLength ?? 20) - 5))
        );
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? 0;
        const max = schema.maximum ?? min + 100;
        return Math.floor(min + this.random() * (max - min + 1));
      }
      case 'boolean':
        return this.chance(0.5);
      case 'array':
        return depth > 3
          ? []
          : Array.from({ length: Math.floor(this.random() * 3) }, () => this.valid(schema.items, depth + 1));
      case 'object':
      default: {
        const out: Record<string, Json> = {};
        for (const [key, prop] of Object.entries(schema.properties ?? {})) {
          if (schema.required?.includes(key) || this.chance(0.5)) out[key] = this.valid(prop, depth + 1);
        }
        return out;
      }
    }
  }

  /** Anything at all: the wrong type, a nasty string, a huge number, null, a nested object. */
  wild(depth = 0): Json {
    switch (Math.floor(this.random() * 8)) {
      case 0:
        return null;
      case 1:
        return this.pick(NASTY_STRINGS);
      case 2:
        return this.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308]);
      case 3:
        return this.chance(0.5);
      case 4:
        return depth > 2 ? [] : [this.wild(depth + 1), this.wild(depth + 1)];
      case 5:
        return depth > 2 ? {} : { nested: this.wild(depth + 1), constructor: { prototype: { polluted: true } } };
      case 6:
        return crypto.randomUUID();
      default:
        return this.pick(NASTY_STRINGS).slice(0, 40);
    }
  }

  /** A valid body with one or more mutations; returned as JSON text so prototype keys survive. */
  mutatedBody(schema: SchemaObject | undefined): string {
    const base = this.valid(schema);
    const body: Record<string, Json> = base && typeof base === 'object' && !Array.isArray(base) ? base : {};
    const props = Object.keys(this.resolve(schema).properties ?? {});
    switch (Math.floor(this.random() * 6)) {
      case 0:
        if (props.length) body[this.pick(props)] = this.wild();
        break;
      case 1:
        if (props.length) delete body[this.pick(props)];
        break;
      case 2:
        body[this.pick(['associationId', 'role', 'referentId', 'isAdmin', 'id', 'status'])] = this.wild();
        break;
      case 3:
        return JSON.stringify(body).replace(
          /^\{/,
          `{"__proto__":{"polluted":true}${Object.keys(body).length ? ',' : ''}`,
        );
      case 4:
        return JSON.stringify(this.wild());
      default:
        for (const p of props) body[p] = this.wild();
    }
    return JSON.stringify(body);
  }
}

/** What must never appear in a response body: stack frames, SQL, driver or ORM names. */
export const LEAK =
  /\bat [\w.<>]+ \(|node_modules|\/work\/|QueryFailedError|TypeORM|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bUPDATE\b.+\bSET\b|duplicate key value|violates (?:foreign key|check|not-null) constraint|syntax error at/i;
