import { Controller, Get, Header, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditService, AuditVerifier, toCsv, type AuditEntryView, type VerificationReport } from '@app/audit';
import { Permission, type Paged } from '@app/contracts';
import { PeopleService } from '@app/people';
import { Keys, SystemDatabase, type RequestContext } from '@app/platform';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../access/access.dto';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who acted' })
  @IsOptional()
  @IsUUID('4')
  actorId?: string;

  @ApiPropertyOptional({ example: 'auth.login.failed' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_.]{1,64}$/)
  action?: string;

  @ApiPropertyOptional({ description: 'An object id (a file, an account…)', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  objectId?: string;

  @ApiPropertyOptional({ description: 'A file number (PAR-2026-0042): the entries about that file', maxLength: 24 })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{2,8}-\d{4}-\d{4,8}$/)
  fileNumber?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

const EXPORT_LIMIT = 10_000;
const ACCOUNT_EVENT_PREFIXES = ['auth.', 'user.', 'settings.', 'site.', 'team.'];

function filterOf(query: AuditQuery) {
  return {
    page: query.page,
    pageSize: query.pageSize,
    actorId: query.actorId,
    action: query.action,
    objectId: query.objectId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}

/** The data-protection officer's view of the trail, and the admins' view of account events. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly system: SystemDatabase,
    private readonly keys: Keys,
    private readonly people: PeopleService,
  ) {}

  /** A file number becomes the file's id (the trail holds ids); an unknown one matches nothing. */
  private async resolved(ctx: RequestContext, query: AuditQuery): Promise<ReturnType<typeof filterOf>> {
    const filter = filterOf(query);
    if (!query.fileNumber) return filter;
    const id = await this.people.idOfFileNumber(ctx, query.fileNumber);
    return { ...filter, objectId: id ?? '00000000-0000-0000-0000-000000000000' };
  }

  @Get()
  @RequirePermission(Permission.AuditRead)
  async search(@Ctx() ctx: RequestContext, @Query() query: AuditQuery): Promise<Paged<AuditEntryView>> {
    const { items, total } = await this.audit.search(ctx, await this.resolved(ctx, query));
    await this.audit.record(ctx, { action: 'audit.searched', objectType: 'audit' });
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  @Get('export')
  @RequirePermission(Permission.AuditRead)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="envol-audit.csv"')
  @ApiOkResponse({ description: 'The search result as CSV (at most 10,000 lines), formulas neutralised' })
  async export(@Ctx() ctx: RequestContext, @Query() query: AuditQuery): Promise<string> {
    const { items } = await this.audit.search(ctx, {
      ...(await this.resolved(ctx, query)),
      page: 1,
      pageSize: EXPORT_LIMIT,
    });
    await this.audit.record(ctx, { action: 'audit.exported', objectType: 'audit', detail: String(items.length) });
    return toCsv(
      [
        'id',
        'occurred_at',
        'actor_id',
        'actor_roles',
        'action',
        'object_type',
        'object_id',
        'outcome',
        'detail',
        'request_id',
      ],
      items.map((e) => [
        e.id,
        e.occurredAt,
        e.actorId,
        e.actorRoles,
        e.action,
        e.objectType,
        e.objectId,
        e.outcome,
        e.detail,
        e.requestId,
      ]),
    );
  }

  @Get('verify')
  @RequirePermission(Permission.AuditRead)
  async verify(@Ctx() ctx: RequestContext): Promise<VerificationReport> {
    if (!this.system.dataSource) throw new ServiceUnavailableException();
    const report = await new AuditVerifier(this.system.dataSource, this.keys.auditHmacKey).verify();
    await this.audit.record(ctx, {
      action: 'audit.verified',
      objectType: 'audit',
      detail: report.ok ? 'ok' : `${report.problems.length} problems`,
    });
    return report;
  }

  @Get('account-events')
  @RequirePermission(Permission.UsersManage)
  async accountEvents(@Ctx() ctx: RequestContext, @Query() query: AuditQuery): Promise<Paged<AuditEntryView>> {
    const { items, total } = await this.audit.search(ctx, {
      ...filterOf(query),
      actionPrefixes: ACCOUNT_EVENT_PREFIXES,
    });
    return { items, page: query.page, pageSize: query.pageSize, total };
  }
}
