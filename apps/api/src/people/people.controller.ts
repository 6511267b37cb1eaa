import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type AccessLogEntry,
  type ConsentView,
  type Paged,
  type PersonFile,
  type PersonSummary,
} from '@app/contracts';
import { PeopleService } from '@app/people';
import type { RequestContext } from '@app/platform';
import { IdParam } from '../http/id.pipe';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';
import {
  BreakGlassDto,
  BulkReferentDto,
  CaseloadQuery,
  ConsentDto,
  CreatePersonDto,
  ReferentDto,
  SearchDto,
  UpdatePersonDto,
} from './people.dto';

/** Person files. Names never travel in URLs: search is a POST. Out-of-scope ids answer 404. */
@ApiTags('people')
@Controller('persons')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @RequirePermission(Permission.CaseloadRead)
  list(@Ctx() ctx: RequestContext, @Query() query: CaseloadQuery): Promise<Paged<PersonSummary>> {
    return this.people.list(ctx, query);
  }

  @Post()
  @RequirePermission(Permission.PersonWrite)
  create(@Ctx() ctx: RequestContext, @Body() body: CreatePersonDto): Promise<PersonFile> {
    return this.people.create(ctx, body);
  }

  @Post('search')
  @HttpCode(200)
  @RequirePermission(Permission.CaseloadRead)
  search(@Ctx() ctx: RequestContext, @Body() body: SearchDto): Promise<PersonSummary[]> {
    return this.people.search(ctx, body.query);
  }

  @Post('referent')
  @HttpCode(200)
  @RequirePermission(Permission.CaseloadAssign)
  @ApiOkResponse({ description: 'Reassigns several files to one referent' })
  bulkReferent(@Ctx() ctx: RequestContext, @Body() body: BulkReferentDto): Promise<PersonSummary[]> {
    return this.people.setReferent(ctx, body.personIds, body.referentId);
  }

  @Get(':id')
  @RequirePermission(Permission.PersonRead)
  get(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<PersonFile> {
    return this.people.get(ctx, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.PersonWrite)
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: UpdatePersonDto,
  ): Promise<PersonFile> {
    return this.people.update(ctx, id, body);
  }

  @Post(':id/referent')
  @HttpCode(200)
  @RequirePermission(Permission.CaseloadAssign)
  async referent(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: ReferentDto,
  ): Promise<PersonSummary> {
    const [summary] = await this.people.setReferent(ctx, [id], body.referentId);
    return summary;
  }

  @Post(':id/break-glass')
  @HttpCode(200)
  @RequirePermission(Permission.BreakGlass)
  breakGlass(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: BreakGlassDto,
  ): Promise<{ expiresAt: string }> {
    return this.people.breakTheGlass(ctx, id, body.reason);
  }

  @Get(':id/consents')
  @RequirePermission(Permission.PersonRead)
  consents(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<ConsentView[]> {
    return this.people.consents(ctx, id);
  }

  @Post(':id/consents')
  @RequirePermission(Permission.PersonWrite)
  recordConsent(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: ConsentDto,
  ): Promise<ConsentView> {
    return this.people.recordConsent(ctx, id, body.purpose, body.given, body.partnerId ?? null);
  }

  @Get(':id/access-log')
  @RequirePermission(Permission.AccessLogRead)
  accessLog(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<AccessLogEntry[]> {
    return this.people.accessLog(ctx, id);
  }
}
