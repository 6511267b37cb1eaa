import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_KINDS, Permission, type DocumentView } from '@app/contracts';
import { documentsError, DocumentsErrorCode, DocumentsService, sniffMediaType } from '@app/documents';
import { AppConfig, AppError, PlatformErrorCode, type RequestContext } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { IdParam } from '../http/id.pipe';
import { NoTransaction, RequirePermission } from '../http/public.decorator';
import { TransactionRunner } from '../http/transaction-runner';
import { Ctx, type EnvolRequest } from '../http/transaction.interceptor';
import { validationPipe } from '../http/validation';
import { ContentQuery, UpdateDocumentDto, UploadDocumentFields } from './documents.dto';

const FIELD_NAMES = new Set(['kind', 'issuedOn', 'expiresOn']);

/** `filename*` (RFC 6266) for any name, and an ASCII fallback. */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Documents of a person's file. Upload is multipart (`req.parts()`: Nest's FileInterceptor is
 * Express-only); it opens no transaction while the client sends the file: the scope is checked in
 * a first short transaction, the file read into memory (bounded by UPLOAD_MAX_BYTES), its type
 * sniffed, and only then a second transaction encrypts, stores and records it.
 */
@ApiTags('documents')
@Controller('persons/:id/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermission(Permission.PersonRead)
  list(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<DocumentView[]> {
    return this.documents.list(ctx, id);
  }

  @Post()
  @NoTransaction()
  @RequirePermission(Permission.PersonWrite)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: [...DOCUMENT_KINDS] },
        issuedOn: { type: 'string', format: 'date' },
        expiresOn: { type: 'string', format: 'date' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  async upload(@Req() request: EnvolRequest, @Param('id', IdParam) id: string): Promise<DocumentView> {
    if (!request.isMultipart()) throw documentsError(DocumentsErrorCode.NotMultipart);
    await this.transactions.run(request, (ctx) => this.documents.assertPersonInScope(ctx, id));
    const fields: [string, string][] = [];
    let file: { name: string; bytes: Buffer } | null = null;
    try {
      for await (const part of request.parts({
        limits: { fileSize: this.config.UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 64, parts: 6 },
      })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') {
            part.file.resume();
            throw documentsError(DocumentsErrorCode.NoFile, [{ field: part.fieldname, code: 'whitelistValidation' }]);
          }
          file = { name: part.filename ?? '', bytes: await part.toBuffer() };
        } else {
          fields.push([part.fieldname, typeof part.value === 'string' ? part.value : String(part.value)]);
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw documentsError(DocumentsErrorCode.TooLarge, [
          { field: 'file', code: 'maxBytes', message: String(this.config.UPLOAD_MAX_BYTES) },
        ]);
      throw error;
    }
    // Unknown fields (`__proto__` and `associationId` included) are refused, as in JSON bodies.
    const unknown = fields.filter(([name]) => !FIELD_NAMES.has(name));
    if (unknown.length)
      throw new AppError(
        PlatformErrorCode.ValidationFailed,
        400,
        'The request is not valid',
        unknown.map(([field]) => ({ field, code: 'whitelistValidation' })),
      );
    const raw = Object.fromEntries(fields);
    const meta = (await validationPipe().transform(raw, {
      type: 'body',
      metatype: UploadDocumentFields,
    })) as UploadDocumentFields;
    if (!file) throw documentsError(DocumentsErrorCode.NoFile, [{ field: 'file', code: 'required' }]);
    const mediaType = await sniffMediaType(file.bytes);
    if (!mediaType) throw documentsError(DocumentsErrorCode.TypeNotAllowed, [{ field: 'file', code: 'type' }]);
    const upload = file;
    return this.transactions.run(request, (ctx) =>
      this.documents.store(ctx, id, {
        kind: meta.kind,
        issuedOn: meta.issuedOn ?? null,
        expiresOn: meta.expiresOn ?? null,
        fileName: upload.name,
        mediaType,
        bytes: upload.bytes,
      }),
    );
  }

  @Get(':documentId/content')
  @RequirePermission(Permission.PersonRead)
  @ApiOkResponse({ description: 'The decrypted file (audited)' })
  async content(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Param('documentId', IdParam) documentId: string,
    @Query() query: ContentQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const content = await this.documents.content(ctx, id, documentId);
    const inline = query.disposition === 'inline' && content.previewable;
    void reply.header('content-type', content.mediaType);
    void reply.header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', content.fileName));
    void reply.header('x-content-type-options', 'nosniff');
    if (inline) {
      // Shown in the file's preview frame (same origin only), with nothing allowed to run.
      void reply.header('content-security-policy', "default-src 'none'; img-src 'self'; frame-ancestors 'self'");
      void reply.header('x-frame-options', 'SAMEORIGIN');
    }
    return new StreamableFile(content.bytes, { length: content.bytes.length });
  }

  @Patch(':documentId')
  @RequirePermission(Permission.PersonWrite)
  describe(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Param('documentId', IdParam) documentId: string,
    @Body() body: UpdateDocumentDto,
  ): Promise<DocumentView> {
    return this.documents.describe(ctx, id, documentId, body);
  }

  @Delete(':documentId')
  @HttpCode(204)
  @RequirePermission(Permission.PersonWrite)
  @ApiNoContentResponse({ description: 'Soft delete: hidden from the file, kept for the DPO' })
  async remove(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Param('documentId', IdParam) documentId: string,
  ): Promise<void> {
    await this.documents.remove(ctx, id, documentId);
  }
}
