import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DocumentView } from '@app/contracts';
import { multipart, pdfWith, PNG_1X1, type MultipartBody } from '../support/multipart';
import { sql } from '../support/sql';
import { createTestApp, type TestApp } from '../support/test-app';
import { seedWorld, type PrincipalName, type World } from '../support/world';

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('documents', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-05-04T09:00:00Z') });
    w = await seedWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const upload = (principal: PrincipalName, personId: string, body: MultipartBody) => {
    const { payload, contentType } = multipart(body);
    return t.app.inject({
      method: 'POST',
      url: `/api/persons/${personId}/documents`,
      headers: { ...w.sessions[principal]!.headers, 'content-type': contentType },
      payload,
    });
  };
  const get = (principal: PrincipalName, url: string) =>
    t.app.inject({ method: 'GET', url, headers: w.sessions[principal]!.headers });

  it('stores the file encrypted: canary bytes appear nowhere in the storage folder or the database', async () => {
    const canary = `CANARY-${randomUUID()}`;
    const bytes = pdfWith(canary);
    const res = await upload('workerA1', w.personA1, {
      fields: { kind: 'identity', issuedOn: '2020-03-01', expiresOn: '2030-02-28' },
      file: { filename: `${canary}.pdf`, contentType: 'application/pdf', data: bytes },
    });
    expect(res.statusCode).toBe(201);
    const doc = res.json<DocumentView>();
    expect(doc).toMatchObject({ kind: 'identity', mediaType: 'application/pdf', sizeBytes: bytes.length });
    expect(doc.fileName).toBe(`${canary}.pdf`);

    const files = filesUnder(t.storageDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const stored = readFileSync(file);
      expect(stored.includes(Buffer.from(canary))).toBe(false);
      expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    }
    const hits = await sql<{ n: number }>(
      t.db.superuserUrl,
      `SELECT count(*)::int AS n FROM document WHERE position(convert_to($1, 'UTF8') in file_name) > 0`,
      [canary],
    );
    expect(hits[0].n).toBe(0);

    const download = await get('workerA1', `/api/persons/${w.personA1}/documents/${doc.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment;/);
    const audit = await sql<{ action: string; object_id: string; detail: string }>(
      t.db.superuserUrl,
      'SELECT action, object_id, detail FROM audit_entry WHERE request_id = $1',
      [String(download.headers['x-request-id'])],
    );
    expect(audit).toEqual([{ action: 'document.downloaded', object_id: w.personA1, detail: doc.id }]);
  });

  it('streams a file larger than one chunk back byte for byte', async () => {
    const big = Buffer.concat([pdfWith('big'), Buffer.alloc(300_000, 7)]);
    const res = await upload('workerA1', w.personA1, {
      fields: { kind: 'other' },
      file: { filename: 'big.pdf', contentType: 'application/pdf', data: big },
    });
    expect(res.statusCode).toBe(201);
    const download = await get(
      'workerA1',
      `/api/persons/${w.personA1}/documents/${res.json<DocumentView>().id}/content`,
    );
    expect(download.rawPayload.equals(big)).toBe(true);
  });

  it.each([
    ['an HTML page named .pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'x.pdf', 'application/pdf'],
    ['a script named .png', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'photo.png', 'image/png'],
    [
      'a Windows executable named .jpg',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
      'scan.jpg',
      'image/jpeg',
    ],
    ['an SVG declared as PNG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.png', 'image/png'],
    ['an empty file', Buffer.alloc(0), 'empty.pdf', 'application/pdf'],
  ])('refuses %s with 415 and stores nothing', async (_label, data, filename, contentType) => {
    const before = filesUnder(t.storageDir).length;
    const res = await upload('workerA1', w.personA1, {
      fields: { kind: 'other' },
      file: { filename, contentType, data },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
    expect(filesUnder(t.storageDir).length).toBe(before);
  });

  it('trusts the content, not the declared type: a PNG sent as a PDF is kept as a PNG', async () => {
    const res = await upload('workerA1', w.personA1, {
      fields: { kind: 'medical' },
      file: { filename: 'ordonnance.pdf', contentType: 'application/pdf', data: PNG_1X1 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<DocumentView>().mediaType).toBe('image/png');
  });

  it('refuses a file over the upload limit with 413 and stores nothing', async () => {
    const before = filesUnder(t.storageDir).length;
    const huge = Buffer.concat([pdfWith('huge'), Buffer.alloc(t.config.UPLOAD_MAX_BYTES)]);
    const res = await upload('workerA1', w.personA1, {
      fields: { kind: 'other' },
      file: { filename: 'huge.pdf', contentType: 'application/pdf', data: huge },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
    expect(filesUnder(t.storageDir).length).toBe(before);
  });

  it('never uses a file name as a path: traversal names are stored under random ids only', async () => {
    const marker = `evil-${randomUUID().slice(0, 8)}`;
    const names = [
      `../../../../../../tmp/${marker}.pdf`,
      `..\\..\\${marker}.pdf`,
      `/etc/${marker}.pdf`,
      `${marker}\u0000.pdf`,
    ];
    for (const filename of names) {
      const res = await upload('workerA1', w.personA1, {
        fields: { kind: 'other' },
        file: { filename, contentType: 'application/pdf', data: pdfWith(marker) },
      });
      expect(res.statusCode).toBe(201);
      const download = await get(
        'workerA1',
        `/api/persons/${w.personA1}/documents/${res.json<DocumentView>().id}/content`,
      );
      expect(download.statusCode).toBe(200);
      const disposition = String(download.headers['content-disposition']);
      expect(disposition).not.toMatch(/\.\.|\/etc|\\/);
    }
    expect(existsSync(`/tmp/${marker}.pdf`)).toBe(false);
    expect(existsSync(`/etc/${marker}.pdf`)).toBe(false);
    for (const file of filesUnder(t.storageDir)) {
      expect(file.startsWith(t.storageDir)).toBe(true);
      expect(file.slice(t.storageDir.length)).toMatch(/^\/[0-9a-f]{2}\/[0-9a-f-]{36}\.bin$/);
    }
  });

  it('refuses unknown form fields, a missing file and a JSON body, changing nothing', async () => {
    const before = filesUnder(t.storageDir).length;
    const extra = await upload('workerA1', w.personA1, {
      fields: { kind: 'other', associationId: w.associationB },
      file: { filename: 'a.pdf', contentType: 'application/pdf', data: pdfWith('x') },
    });
    expect(extra.statusCode).toBe(400);
    const missing = await upload('workerA1', w.personA1, { fields: { kind: 'other' } });
    expect(missing.statusCode).toBe(400);
    const badKind = await upload('workerA1', w.personA1, {
      fields: { kind: 'passport_of_someone_else' },
      file: { filename: 'a.pdf', contentType: 'application/pdf', data: pdfWith('x') },
    });
    expect(badKind.statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/persons/${w.personA1}/documents`,
      headers: { ...w.sessions.workerA1!.headers, 'content-type': 'application/json' },
      payload: { kind: 'other' },
    });
    expect(json.statusCode).toBe(415);
    expect(filesUnder(t.storageDir).length).toBe(before);
  });

  it('answers 404 outside the scope: other team, other association, a document of another file', async () => {
    const mine = await upload('workerA1', w.personA1, {
      fields: { kind: 'other' },
      file: { filename: 'a.pdf', contentType: 'application/pdf', data: pdfWith('scope') },
    });
    const id = mine.json<DocumentView>().id;
    expect((await get('workerA2', `/api/persons/${w.personA1}/documents`)).statusCode).toBe(404);
    expect((await get('workerA2', `/api/persons/${w.personA1}/documents/${id}/content`)).statusCode).toBe(404);
    expect((await get('coordinatorB', `/api/persons/${w.personA1}/documents/${id}/content`)).statusCode).toBe(404);
    // The document id under a file the caller may see, but not its own: 404 too.
    expect((await get('coordinatorA', `/api/persons/${w.personA2}/documents/${id}/content`)).statusCode).toBe(404);
    expect((await get('volunteerA', `/api/persons/${w.personA1}/documents`)).statusCode).toBe(403);
    const upload2 = await upload('workerA2', w.personA1, {
      fields: { kind: 'other' },
      file: { filename: 'a.pdf', contentType: 'application/pdf', data: pdfWith('scope') },
    });
    expect(upload2.statusCode).toBe(404);
  });

  it('fails to decrypt an altered file rather than return wrong bytes', async () => {
    const res = await upload('workerA1', w.personA1, {
      fields: { kind: 'other' },
      file: { filename: 'tamper.pdf', contentType: 'application/pdf', data: pdfWith('tamper') },
    });
    const id = res.json<DocumentView>().id;
    const [{ storage_key }] = await sql<{ storage_key: string }>(
      t.db.superuserUrl,
      'SELECT storage_key FROM document WHERE id = $1',
      [id],
    );
    const path = join(t.storageDir, storage_key.slice(0, 2), `${storage_key}.bin`);
    const stored = readFileSync(path);
    stored[stored.length - 5] ^= 0x01;
    writeFileSync(path, stored);
    const download = await get('workerA1', `/api/persons/${w.personA1}/documents/${id}/content`);
    expect(download.statusCode).toBeGreaterThanOrEqual(500);
    expect(download.body).not.toContain('tamper');
    expect(download.body).not.toContain('%PDF');
  });

  it('refuses chunks reordered, dropped from the end, or moved from another document', async () => {
    const big = Buffer.concat([pdfWith('chunks'), Buffer.alloc(200_000, 9)]);
    const send = async () =>
      (
        await upload('workerA1', w.personA1, {
          fields: { kind: 'other' },
          file: { filename: 'chunks.pdf', contentType: 'application/pdf', data: big },
        })
      ).json<DocumentView>().id;
    const pathOf = async (id: string) => {
      const [{ storage_key }] = await sql<{ storage_key: string }>(
        t.db.superuserUrl,
        'SELECT storage_key FROM document WHERE id = $1',
        [id],
      );
      return join(t.storageDir, storage_key.slice(0, 2), `${storage_key}.bin`);
    };
    /** The framed chunks of a stored file: 4-byte length, then the sealed chunk. */
    const frames = (blob: Buffer) => {
      const out: Buffer[] = [];
      for (let at = 0; at < blob.length;) {
        const length = blob.readUInt32BE(at);
        out.push(blob.subarray(at, at + 4 + length));
        at += 4 + length;
      }
      return out;
    };
    const [a, b] = [await send(), await send()];
    const chunksA = frames(readFileSync(await pathOf(a)));
    const chunksB = frames(readFileSync(await pathOf(b)));
    expect(chunksA.length).toBeGreaterThanOrEqual(4);
    const variants = [
      Buffer.concat([chunksA[1], chunksA[0], ...chunksA.slice(2)]), // reordered
      Buffer.concat(chunksA.slice(0, -1)), // last chunk dropped
      Buffer.concat([chunksB[0], ...chunksA.slice(1)]), // a chunk of another document
      Buffer.concat([...chunksA, chunksA[chunksA.length - 1]]), // a chunk appended
    ];
    const path = await pathOf(a);
    for (const variant of variants) {
      writeFileSync(path, variant);
      const download = await get('workerA1', `/api/persons/${w.personA1}/documents/${a}/content`);
      expect(download.statusCode).toBeGreaterThanOrEqual(500);
      expect(download.body).not.toContain('%PDF');
    }
    const intact = await get('workerA1', `/api/persons/${w.personA1}/documents/${b}/content`);
    expect(intact.rawPayload.equals(big)).toBe(true);
  });

  it('deletes softly: gone from the file, kept in the database, and listed in the audit trail for the DPO', async () => {
    const res = await upload('workerA1', w.personA1, {
      fields: { kind: 'sworn_statement' },
      file: { filename: 'attestation.pdf', contentType: 'application/pdf', data: pdfWith('sworn') },
    });
    const id = res.json<DocumentView>().id;
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/persons/${w.personA1}/documents/${id}`,
      headers: w.sessions.workerA1!.headers,
    });
    expect(removed.statusCode).toBe(204);
    const list = (await get('workerA1', `/api/persons/${w.personA1}/documents`)).json<DocumentView[]>();
    expect(list.map((d) => d.id)).not.toContain(id);
    expect((await get('workerA1', `/api/persons/${w.personA1}/documents/${id}/content`)).statusCode).toBe(404);
    const rows = await sql<{ deleted_by: string }>(
      t.db.superuserUrl,
      'SELECT deleted_by FROM document WHERE id = $1 AND deleted_at IS NOT NULL',
      [id],
    );
    expect(rows).toEqual([{ deleted_by: w.users.workerA1 }]);
    const audit = await get('dpoA', `/api/audit?action=document.deleted&objectId=${w.personA1}`);
    expect(audit.statusCode).toBe(200);
    const items = audit.json<{ items: { action: string; detail: string; actorId: string }[] }>().items;
    expect(items).toContainEqual(
      expect.objectContaining({ action: 'document.deleted', detail: id, actorId: w.users.workerA1 }),
    );
    // The DPO sees the deletion, never the content.
    expect((await get('dpoA', `/api/persons/${w.personA1}/documents/${id}/content`)).statusCode).toBe(403);
  });

  it('lists documents with their expiry state on the Paris calendar', async () => {
    const expiring = await upload('workerA1', w.personA1, {
      fields: { kind: 'residence_permit', issuedOn: '2025-11-05', expiresOn: '2026-05-20' },
      file: { filename: 'aps.pdf', contentType: 'application/pdf', data: pdfWith('aps') },
    });
    const expired = await upload('workerA1', w.personA1, {
      fields: { kind: 'residence_permit', expiresOn: '2026-05-03' },
      file: { filename: 'old-aps.pdf', contentType: 'application/pdf', data: pdfWith('old') },
    });
    const inverted = await upload('workerA1', w.personA1, {
      fields: { kind: 'identity', issuedOn: '2026-05-03', expiresOn: '2026-05-01' },
      file: { filename: 'x.pdf', contentType: 'application/pdf', data: pdfWith('x') },
    });
    expect(inverted.statusCode).toBe(400);
    // A wrong expiry is corrected with the version read; a stale version answers 409.
    const doc = expired.json<DocumentView>();
    const patch = (body: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/persons/${w.personA1}/documents/${doc.id}`,
        headers: { ...w.sessions.workerA1!.headers, 'content-type': 'application/json' },
        payload: body,
      });
    expect((await patch({ expiresOn: '2020-01-01', issuedOn: '2021-01-01', version: doc.version })).statusCode).toBe(
      400,
    );
    const fixed = await patch({ expiresOn: '2027-05-03', version: doc.version });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json<DocumentView>()).toMatchObject({ expiresOn: '2027-05-03', expiry: 'valid' });
    expect((await patch({ expiresOn: '2026-05-03', version: doc.version })).statusCode).toBe(409);
    await patch({ expiresOn: '2026-05-03', version: doc.version + 1 });
    const list = (await get('workerA1', `/api/persons/${w.personA1}/documents`)).json<DocumentView[]>();
    const byId = new Map(list.map((d) => [d.id, d]));
    expect(byId.get(expiring.json<DocumentView>().id)?.expiry).toBe('soon');
    expect(byId.get(expired.json<DocumentView>().id)?.expiry).toBe('expired');
    // Each upload leaves an administrative step in the file's timeline: the kind and validity, never the file name.
    const steps = (await get('workerA1', `/api/persons/${w.personA1}/events?type=administrative_step`)).json<{
      items: { text: string }[];
    }>();
    expect(steps.items.map((e) => e.text)).toContain(
      'Document ajouté au dossier : titre de séjour, valable jusqu’au 20/05/2026.',
    );
    expect(steps.items.some((e) => e.text.includes('aps.pdf'))).toBe(false);
    // Each expiry is a reminder to the referent, 60 days before (never before today), moved with its date.
    const reminders = await sql<{ source_id: string; due_on: string; deadline_on: string; status: string }>(
      t.db.superuserUrl,
      `SELECT source_id, due_on::text, deadline_on::text, status FROM reminder
        WHERE source_kind = 'document' AND source_id = ANY($1) ORDER BY created_at`,
      [[expiring.json<DocumentView>().id, doc.id]],
    );
    expect(reminders).toEqual([
      {
        source_id: expiring.json<DocumentView>().id,
        due_on: '2026-05-04',
        deadline_on: '2026-05-20',
        status: 'pending',
      },
      { source_id: doc.id, due_on: '2026-05-04', deadline_on: '2026-05-03', status: 'pending' },
    ]);
  });
});
