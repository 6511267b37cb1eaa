import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { CaseworkService } from '@app/casework';
import type { DocumentKind, DocumentMediaType, DocumentView } from '@app/contracts';
import { PeopleService } from '@app/people';
import { FieldCipher, updateVersioned, type RequestContext } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { RemindersService } from '@app/reminders';
import { IsNull } from 'typeorm';
import { PersonDocument } from './document.entity';
import { documentsError, DocumentsErrorCode } from './documents.errors';
import { sealContent } from './content';
import {
  chunkRowId,
  documentJournalText,
  expiryState,
  previewable,
  safeDownloadName,
  unframe,
} from './documents.rules';
import { documentExpiryLeadDays, syncDocumentReminders } from './reminder-sync';
import { DOCUMENT_STORAGE, newStorageKey, type DocumentStorage } from './storage';

export interface NewDocument {
  kind: DocumentKind;
  issuedOn: string | null;
  expiresOn: string | null;
  /** As the browser sent it: kept encrypted for display, never used as a path. */
  fileName: string;
  mediaType: DocumentMediaType;
  bytes: Buffer;
}

export interface DocumentChange {
  version: number;
  kind?: DocumentKind;
  issuedOn?: string | null;
  expiresOn?: string | null;
}

export interface DocumentContent {
  bytes: Buffer;
  mediaType: string;
  fileName: string;
  previewable: boolean;
}

const nameOf = (id: string) => ({ table: 'document', column: 'file_name', rowId: id });

/**
 * Documents of a person's file: encrypted under the association's data key in chunks bound to
 * the document, its position and whether it is the last; stored outside the database under a
 * random key. Scope is the person's (404 outside it); every read and write is audited.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly people: PeopleService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly reminders: RemindersService,
    private readonly casework: CaseworkService,
  ) {}

  /** A document's expiry reminds the referent the association's lead time before (deleted or without expiry, no one). */
  private async syncReminder(ctx: RequestContext, documentId: string): Promise<void> {
    const row = await ctx.repo(PersonDocument).findOneByOrFail({ id: documentId });
    const person = await this.people.placementInScope(ctx, row.personId);
    await syncDocumentReminders(
      ctx,
      this.reminders,
      [row],
      new Map([[row.personId, { referentId: person.referentId, siteId: person.siteId }]]),
      await documentExpiryLeadDays(ctx, row.associationId),
    );
  }

  /** 404 when the file is out of the caller's scope (checked before an upload is read). */
  async assertPersonInScope(ctx: RequestContext, personId: string): Promise<void> {
    await this.people.requireInScope(ctx, personId);
  }

  /** `leadDays`: the association's expiry lead time, read once per list. */
  private async view(ctx: RequestContext, row: PersonDocument, leadDays: number, name?: string): Promise<DocumentView> {
    return {
      id: row.id,
      personId: row.personId,
      kind: row.kind as DocumentKind,
      fileName: name ?? (await this.cipher.decryptText(ctx, nameOf(row.id), row.fileName)),
      mediaType: row.mediaType as DocumentMediaType,
      sizeBytes: row.sizeBytes,
      issuedOn: row.issuedOn,
      expiresOn: row.expiresOn,
      expiry: expiryState(row.expiresOn, ctx.now, leadDays),
      uploadedBy: row.uploadedBy,
      uploadedAt: row.createdAt.toISOString(),
      version: row.version,
    };
  }

  async list(ctx: RequestContext, personId: string): Promise<DocumentView[]> {
    const person = await this.people.requireInScope(ctx, personId);
    const rows = await ctx.repo(PersonDocument).find({
      where: { personId: person.id, deletedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    const names = await this.cipher.decryptManyText(
      ctx,
      rows.map((r) => ({ place: nameOf(r.id), ciphertext: r.fileName })),
    );
    const leadDays = await documentExpiryLeadDays(ctx, ctx.associationId!);
    const items: DocumentView[] = [];
    for (const [i, row] of rows.entries()) items.push(await this.view(ctx, row, leadDays, names[i]));
    await this.audit.record(ctx, {
      action: 'document.listed',
      objectType: 'person',
      objectId: person.id,
      siteId: person.siteId,
    });
    return items;
  }

  async store(ctx: RequestContext, personId: string, input: NewDocument): Promise<DocumentView> {
    const person = await this.people.requireInScope(ctx, personId);
    if (input.issuedOn && input.expiresOn && input.expiresOn < input.issuedOn) {
      throw documentsError(DocumentsErrorCode.DatesInconsistent, [{ field: 'expiresOn', code: 'beforeIssuedOn' }]);
    }
    const id = randomUUID();
    const sealed = await sealContent(ctx, this.cipher, id, input.bytes);
    const storageKey = newStorageKey();
    // Written before the row: a rollback leaves an unreadable orphan blob, never a row without content.
    await this.storage.write(storageKey, sealed);
    await ctx.repo(PersonDocument).insert({
      id,
      associationId: ctx.associationId!,
      personId: person.id,
      kind: input.kind,
      fileName: await this.cipher.encryptText(ctx, nameOf(id), input.fileName.slice(0, 255)),
      mediaType: input.mediaType,
      sizeBytes: input.bytes.length,
      storageKey,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn,
      uploadedBy: ctx.actor?.userId ?? null,
      deletedAt: null,
      deletedBy: null,
    });
    await this.audit.record(ctx, {
      action: 'document.uploaded',
      objectType: 'person',
      objectId: person.id,
      siteId: person.siteId,
      detail: id,
    });
    // The file's timeline shows the upload (an administrative step, not a contact).
    await this.casework.logEvent(ctx, person.id, {
      type: 'administrative_step',
      attendees: [],
      text: documentJournalText({ kind: input.kind, expiresOn: input.expiresOn }),
    });
    await this.syncReminder(ctx, id);
    const row = await ctx.repo(PersonDocument).findOneByOrFail({ id });
    return this.view(ctx, row, await documentExpiryLeadDays(ctx, row.associationId), input.fileName.slice(0, 255));
  }

  private async live(ctx: RequestContext, personId: string, documentId: string) {
    const person = await this.people.requireInScope(ctx, personId);
    const row = await ctx.repo(PersonDocument).findOne({
      where: { id: documentId, personId: person.id, deletedAt: IsNull() },
    });
    if (!row) throw documentsError(DocumentsErrorCode.DocumentNotFound);
    return { person, row };
  }

  /**
   * The decrypted content. Every chunk is authenticated before any byte is returned (the blob is at
   * most the upload limit); a swapped, reordered, truncated or altered chunk fails the whole read.
   */
  async content(ctx: RequestContext, personId: string, documentId: string): Promise<DocumentContent> {
    const { person, row } = await this.live(ctx, personId, documentId);
    const sealed = unframe(await this.storage.read(row.storageKey));
    const plain = await this.cipher.decryptMany(
      ctx,
      sealed.map((ciphertext, index) => ({
        place: { table: 'document', column: 'content', rowId: chunkRowId(row.id, index, index === sealed.length - 1) },
        ciphertext,
      })),
    );
    const fileName = await this.cipher.decryptText(ctx, nameOf(row.id), row.fileName);
    await this.audit.record(ctx, {
      action: 'document.downloaded',
      objectType: 'person',
      objectId: person.id,
      siteId: person.siteId,
      detail: row.id,
    });
    return {
      bytes: Buffer.concat(plain),
      mediaType: row.mediaType,
      fileName: safeDownloadName(fileName, `document-${row.id.slice(0, 8)}`),
      previewable: previewable(row.mediaType),
    };
  }

  /** Kind and dates (an expiry typed wrong would send the reminders to the wrong day). */
  async describe(
    ctx: RequestContext,
    personId: string,
    documentId: string,
    change: DocumentChange,
  ): Promise<DocumentView> {
    const { person, row } = await this.live(ctx, personId, documentId);
    const issuedOn = change.issuedOn !== undefined ? change.issuedOn : row.issuedOn;
    const expiresOn = change.expiresOn !== undefined ? change.expiresOn : row.expiresOn;
    if (issuedOn && expiresOn && expiresOn < issuedOn) {
      throw documentsError(DocumentsErrorCode.DatesInconsistent, [{ field: 'expiresOn', code: 'beforeIssuedOn' }]);
    }
    const fields: Partial<PersonDocument> = {};
    if (change.kind !== undefined) fields.kind = change.kind;
    if (change.issuedOn !== undefined) fields.issuedOn = change.issuedOn;
    if (change.expiresOn !== undefined) fields.expiresOn = change.expiresOn;
    await updateVersioned(ctx.manager, PersonDocument, row.id, change.version, fields);
    await this.audit.record(ctx, {
      action: 'document.updated',
      objectType: 'person',
      objectId: person.id,
      siteId: person.siteId,
      detail: row.id,
    });
    await this.syncReminder(ctx, row.id);
    const saved = await ctx.repo(PersonDocument).findOneByOrFail({ id: row.id });
    return this.view(ctx, saved, await documentExpiryLeadDays(ctx, saved.associationId));
  }

  /** Soft delete: hidden from the file, kept (and its deletion in the audit trail) for the DPO. */
  async remove(ctx: RequestContext, personId: string, documentId: string): Promise<void> {
    const { person, row } = await this.live(ctx, personId, documentId);
    await ctx
      .repo(PersonDocument)
      .update(
        { id: row.id },
        { deletedAt: ctx.now, deletedBy: ctx.actor?.userId ?? null, version: () => 'version + 1' },
      );
    await this.audit.record(ctx, {
      action: 'document.deleted',
      objectType: 'person',
      objectId: person.id,
      siteId: person.siteId,
      detail: row.id,
    });
    await this.syncReminder(ctx, row.id);
  }
}
