import { createTestDatabase, type TestDatabase } from '@app/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../database/data-source';
import { inTransaction, type RequestContext } from '../database/request-context';
import { generateKeyFileJson, Keys } from '../keys/key-file';
import { CryptoError, CryptoErrorCode } from './crypto.errors';
import { FieldCipher } from './field-cipher';
import { fieldVersion, type FieldPlace } from './field-envelope';
import { rotateDataKey } from './key-rotation';
import { DecryptionError } from './secret-box';

const TENANT = `nullif(current_setting('app.association_id', true), '')::uuid`;

describe('FieldCipher (real PostgreSQL, runtime role)', () => {
  let db: TestDatabase;
  let app: DataSource;
  let owner: DataSource;
  let superuser: DataSource;
  const keys = Keys.fromJson(generateKeyFileJson('k1'));
  const cipher = new FieldCipher(keys);
  const A = randomUUID();
  const B = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createDataSource({ url: db.appUrl, entities: [], poolSize: 3 }).initialize();
    owner = await createDataSource({ url: db.ownerUrl, entities: [], poolSize: 1 }).initialize();
    superuser = await createDataSource({ url: db.superuserUrl, entities: [], poolSize: 1 }).initialize();
    // A table of encrypted values shaped like production's: created by the owner, RLS forced.
    await owner.query(
      `CREATE TABLE cipher_probe (id uuid PRIMARY KEY, association_id uuid NOT NULL, secret bytea, note bytea)`,
    );
    await owner.query('ALTER TABLE cipher_probe ENABLE ROW LEVEL SECURITY');
    await owner.query('ALTER TABLE cipher_probe FORCE ROW LEVEL SECURITY');
    await owner.query(
      `CREATE POLICY tenant_isolation ON cipher_probe USING (association_id = ${TENANT}) WITH CHECK (association_id = ${TENANT})`,
    );
  });

  afterAll(async () => {
    await Promise.all([app.destroy(), owner.destroy(), superuser.destroy()]);
    await db.drop();
  });

  const as = <T>(associationId: string | null, work: (ctx: RequestContext) => Promise<T>): Promise<T> =>
    inTransaction(app, { requestId: randomUUID(), now: new Date(), associationId }, work);
  const secretOf = (rowId: string): FieldPlace => ({ table: 'cipher_probe', column: 'secret', rowId });
  const noteOf = (rowId: string): FieldPlace => ({ table: 'cipher_probe', column: 'note', rowId });

  /** Encrypts and stores a row in `association`; returns its id. */
  const store = (association: string, secret: string, note = 'note', by = cipher): Promise<string> =>
    as(association, async (ctx) => {
      const id = randomUUID();
      await ctx.manager.query('INSERT INTO cipher_probe (id, association_id, secret, note) VALUES ($1, $2, $3, $4)', [
        id,
        association,
        await by.encryptText(ctx, secretOf(id), secret),
        await by.encryptText(ctx, noteOf(id), note),
      ]);
      return id;
    });

  const stored = async (id: string): Promise<{ secret: Buffer; note: Buffer; association: string }> => {
    const [row] = await superuser.query<{ secret: Buffer; note: Buffer; association: string }[]>(
      'SELECT secret, note, association_id::text AS association FROM cipher_probe WHERE id = $1',
      [id],
    );
    return row;
  };

  /** Reads a row's secret as the runtime role in `association` and decrypts it. */
  const readSecret = (association: string, id: string, by = cipher): Promise<string> =>
    as(association, async (ctx) => {
      const [row] = await ctx.manager.query<{ secret: Buffer }[]>('SELECT secret FROM cipher_probe WHERE id = $1', [
        id,
      ]);
      return by.decryptText(ctx, secretOf(id), row.secret);
    });

  it('creates the data key at the first encryption, wrapped, readable and insertable only', async () => {
    const id = await store(A, 'Éloïse Lefèvre');
    expect(await readSecret(A, id)).toBe('Éloïse Lefèvre');
    const keysOfA = await as(A, (ctx) =>
      ctx.manager.query<{ version: number; state: string; kek_id: string; wrapped: Buffer }[]>(
        'SELECT version, state, kek_id, wrapped FROM data_key',
      ),
    );
    expect(keysOfA.map(({ version, state, kek_id }) => ({ version, state, kek_id }))).toEqual([
      { version: 1, state: 'active', kek_id: 'k1' },
    ]);
    expect(keysOfA[0].wrapped).toHaveLength(60);
    // Without a tenant nothing is visible; the runtime role may neither change nor delete a key.
    expect(await app.query('SELECT count(*)::int AS n FROM data_key')).toEqual([{ n: 0 }]);
    await expect(as(A, (ctx) => ctx.manager.query(`UPDATE data_key SET state = 'retired'`))).rejects.toThrow(
      /permission denied/,
    );
    await expect(as(A, (ctx) => ctx.manager.query('DELETE FROM data_key'))).rejects.toThrow(/permission denied/);
  });

  it('keeps no key of a first encryption that rolled back, and agrees on one key under concurrent first writes', async () => {
    const C = randomUUID();
    // This process's first write of C rolls back; another process then creates C's key for real.
    await expect(
      as(C, async (ctx) => {
        await cipher.encryptText(ctx, secretOf(randomUUID()), 'lost');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const elsewhere = new FieldCipher(keys);
    const id = await store(C, 'kept', 'note', elsewhere);
    expect(await readSecret(C, id)).toBe('kept');
    // Two first writes at once, from two processes.
    const E = randomUUID();
    const [first, second] = await Promise.all([store(E, 'one'), store(E, 'two', 'note', elsewhere)]);
    expect(await readSecret(E, first, elsewhere)).toBe('one');
    expect(await readSecret(E, second)).toBe('two');
    for (const association of [C, E]) {
      const count = await as(association, (ctx) =>
        ctx.manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM data_key'),
      );
      expect(count).toEqual([{ n: 1 }]);
    }
  });

  it('never repeats an IV over 10,000 encryptions', async () => {
    const ivs = await as(A, async (ctx) => {
      const seen = new Set<string>();
      const place = secretOf(randomUUID());
      for (let i = 0; i < 10_000; i++) {
        const sealed = await cipher.encryptText(ctx, place, 'same text');
        seen.add(sealed.subarray(5, 17).toString('hex'));
      }
      return seen;
    });
    expect(ivs.size).toBe(10_000);
  });

  it('round-trips arbitrary well-formed Unicode text and arbitrary bytes', async () => {
    await as(A, async (ctx) => {
      const place = secretOf(randomUUID());
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 50 })),
          async (text) => {
            const sealed = await cipher.encryptText(ctx, place, text);
            expect(await cipher.decryptText(ctx, place, sealed)).toBe(text);
          },
        ),
        { numRuns: 400 },
      );
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) => {
          const sealed = await cipher.encrypt(ctx, place, Buffer.from(bytes));
          expect((await cipher.decrypt(ctx, place, sealed)).equals(Buffer.from(bytes))).toBe(true);
        }),
        { numRuns: 100 },
      );
    });
  });

  it('refuses text with a lone surrogate (it cannot survive UTF-8) with a 400, before encrypting', async () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
    const illFormed = fc
      .tuple(fc.string({ unit: 'binary', maxLength: 20 }), lone, fc.string({ unit: 'binary', maxLength: 20 }))
      .map(([before, surrogate, after]) => before + surrogate + after);
    await as(A, async (ctx) => {
      await fc.assert(
        fc.asyncProperty(illFormed, async (text) => {
          const refusal = await cipher.encryptText(ctx, secretOf(randomUUID()), text).then(
            () => null,
            (error: unknown) => error,
          );
          expect(refusal).toBeInstanceOf(CryptoError);
          expect(refusal).toMatchObject({ code: CryptoErrorCode.MalformedText, status: 400 });
          await expect(cipher.encrypt(ctx, secretOf(randomUUID()), text)).rejects.toThrow(CryptoError);
        }),
        { numRuns: 200 },
      );
    });
  });

  it('fails on every altered byte of a stored value, 100 %, never yielding a plaintext', async () => {
    const id = await store(A, 'Marie-Thérèse N’Diaye, 06 12 34 56 78');
    const { secret } = await stored(id);
    const outcomes = { refused: 0, opened: 0, other: 0 };
    await as(A, async (ctx) => {
      for (let i = 0; i < secret.length; i++) {
        for (const flip of [0x01, 0xff]) {
          const altered = Buffer.from(secret);
          altered[i] ^= flip;
          await cipher.decrypt(ctx, secretOf(id), altered).then(
            () => outcomes.opened++,
            (error: unknown) => (error instanceof DecryptionError ? outcomes.refused++ : outcomes.other++),
          );
        }
      }
      // Truncated to every length, and extended.
      for (let length = 0; length < secret.length; length++) {
        await expect(cipher.decrypt(ctx, secretOf(id), secret.subarray(0, length))).rejects.toThrow(DecryptionError);
      }
      await expect(cipher.decrypt(ctx, secretOf(id), Buffer.concat([secret, Buffer.alloc(1)]))).rejects.toThrow(
        DecryptionError,
      );
    });
    expect(outcomes).toEqual({ refused: secret.length * 2, opened: 0, other: 0 });
  });

  it('refuses values swapped between two rows, two columns and two associations', async () => {
    const [r1, r2] = [await store(A, 'first person', 'first note'), await store(A, 'second person')];
    const inB = await store(B, 'other association');
    const swap = async (sql: string, params: unknown[]): Promise<void> => {
      await superuser.query(sql, params); // whoever stole or can write the database
    };
    const before = { r1: await stored(r1), r2: await stored(r2), inB: await stored(inB) };

    // Two rows.
    await swap('UPDATE cipher_probe SET secret = $2 WHERE id = $1', [r1, before.r2.secret]);
    await swap('UPDATE cipher_probe SET secret = $2 WHERE id = $1', [r2, before.r1.secret]);
    await expect(readSecret(A, r1)).rejects.toThrow(DecryptionError);
    await expect(readSecret(A, r2)).rejects.toThrow(DecryptionError);

    // Two columns of one row.
    await swap('UPDATE cipher_probe SET secret = note, note = secret WHERE id = $1', [inB]);
    await expect(readSecret(B, inB)).rejects.toThrow(DecryptionError);

    // Two associations: B's value moved into A's row, and the same place encrypted by B opened by A.
    await swap('UPDATE cipher_probe SET secret = $2 WHERE id = $1', [r1, before.inB.secret]);
    await expect(readSecret(A, r1)).rejects.toThrow(DecryptionError);
    const sameplaceInB = await as(B, (ctx) => cipher.encryptText(ctx, secretOf(r1), 'first person'));
    await expect(as(A, (ctx) => cipher.decrypt(ctx, secretOf(r1), sameplaceInB))).rejects.toThrow(DecryptionError);

    // Put back, everything reads again.
    await swap('UPDATE cipher_probe SET secret = $2 WHERE id = $1', [r1, before.r1.secret]);
    await swap('UPDATE cipher_probe SET secret = $2 WHERE id = $1', [r2, before.r2.secret]);
    expect(await readSecret(A, r1)).toBe('first person');
    expect(await readSecret(A, r2)).toBe('second person');
  });

  it('refuses a value under a data key of the right version but another key file', async () => {
    const id = await store(A, 'secret');
    const { secret } = await stored(id);
    const stranger = new FieldCipher(Keys.fromJson(generateKeyFileJson('k1')));
    await expect(as(A, (ctx) => stranger.decrypt(ctx, secretOf(id), secret))).rejects.toThrow(DecryptionError);
  });

  it('decrypts a list over several key versions with one key lookup', async () => {
    const D = randomUUID();
    const before = await Promise.all([1, 2, 3].map((n) => store(D, `before ${n}`)));
    // A new version with nothing listed to re-encrypt: the old values stay on version 1.
    await rotateDataKey(owner, keys, D, []);
    const after = await Promise.all([4, 5].map((n) => store(D, `after ${n}`)));
    const fresh = new FieldCipher(keys);
    const { texts, queries, versions } = await as(D, async (ctx) => {
      const rows = await ctx.manager.query<{ id: string; secret: Buffer }[]>(
        'SELECT id::text AS id, secret FROM cipher_probe WHERE id = ANY($1) ORDER BY array_position($1, id)',
        [[...before, ...after]],
      );
      const query = jest.spyOn(ctx.manager, 'query');
      const items = rows.map((row) => ({ place: secretOf(row.id), ciphertext: row.secret }));
      const decrypted = await fresh.decryptManyText(ctx, items);
      const count = query.mock.calls.length;
      query.mockRestore();
      return { texts: decrypted, queries: count, versions: rows.map((row) => fieldVersion(row.secret)) };
    });
    expect(versions).toEqual([1, 1, 1, 2, 2]);
    expect(texts).toEqual(['before 1', 'before 2', 'before 3', 'after 4', 'after 5']);
    expect(queries).toBe(1);
  });

  it('needs the association of the request', async () => {
    await expect(as(null, (ctx) => cipher.encryptText(ctx, secretOf(randomUUID()), 'x'))).rejects.toMatchObject({
      code: CryptoErrorCode.NoAssociation,
    });
    await expect(as(null, (ctx) => cipher.decrypt(ctx, secretOf(randomUUID()), Buffer.alloc(40)))).rejects.toThrow(
      CryptoError,
    );
  });

  it('never prints its keys or its cache', () => {
    const cache = (cipher as unknown as { cache: unknown }).cache;
    expect(inspect(cipher)).toBe('[FieldCipher]');
    expect(JSON.stringify({ cipher })).toBe('{"cipher":"[FieldCipher]"}');
    expect(inspect(cache)).toBe('[data keys]');
    expect(JSON.stringify({ cache })).toBe('{"cache":"[data keys]"}');
  });
});
