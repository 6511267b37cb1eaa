import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, type OutreachOptions, type OutreachSessionView, type Paged } from '@app/contracts';
import { OutreachService } from '@app/outreach';
import type { RequestContext } from '@app/platform';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';
import { CreateOutreachSessionDto, OutreachListQuery } from './documents.dto';

/** Outreach sessions (maraudes): anonymous tallies; the outreach volunteer's whole access. */
@ApiTags('outreach')
@Controller('outreach-sessions')
export class OutreachController {
  constructor(private readonly outreach: OutreachService) {}

  @Get()
  @RequirePermission(Permission.OutreachWrite)
  list(@Ctx() ctx: RequestContext, @Query() query: OutreachListQuery): Promise<Paged<OutreachSessionView>> {
    return this.outreach.list(ctx, query.page, query.pageSize);
  }

  @Get('options')
  @RequirePermission(Permission.OutreachWrite)
  options(@Ctx() ctx: RequestContext): Promise<OutreachOptions> {
    return this.outreach.options(ctx);
  }

  @Post()
  @RequirePermission(Permission.OutreachWrite)
  create(@Ctx() ctx: RequestContext, @Body() body: CreateOutreachSessionDto): Promise<OutreachSessionView> {
    return this.outreach.create(ctx, body);
  }
}
