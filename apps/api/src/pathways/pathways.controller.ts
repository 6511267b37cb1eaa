import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type CommissionAgenda,
  type CommissionSessionDetail,
  type CommissionSessionView,
  type DeadlineItem,
  type GoalView,
  type PathwaySettingsView,
  type PathwayView,
  type RightView,
} from '@app/contracts';
import { PathwaysService } from '@app/pathways';
import type { RequestContext } from '@app/platform';
import { IdParam } from '../http/id.pipe';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';
import {
  AgendaQuery,
  CommissionSessionDto,
  DeadlineQueryDto,
  DepartementQuery,
  GoalDto,
  OpenPathwayDto,
  PathwayEventDto,
  PathwaySettingsDto,
  RightDto,
  UpdateGoalDto,
  UpdateRightDto,
} from './pathways.dto';

/**
 * A person's pathways and rights (domain/psp.md). Reached through the person: a file out of the
 * caller's scope answers 404. The service audits every read and write.
 */
@ApiTags('pathways')
@Controller('persons/:id')
export class PersonPathwaysController {
  constructor(private readonly pathways: PathwaysService) {}

  @Get('pathways')
  @RequirePermission(Permission.PersonRead)
  list(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<PathwayView[]> {
    return this.pathways.list(ctx, id);
  }

  @Post('pathways')
  @RequirePermission(Permission.PersonWrite)
  open(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: OpenPathwayDto,
  ): Promise<PathwayView> {
    return this.pathways.open(ctx, id, body);
  }

  @Get('rights')
  @RequirePermission(Permission.PersonRead)
  rights(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<RightView[]> {
    return this.pathways.rights(ctx, id);
  }

  @Post('rights')
  @RequirePermission(Permission.PersonWrite)
  addRight(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string, @Body() body: RightDto): Promise<RightView> {
    return this.pathways.addRight(ctx, id, body);
  }

  @Patch('rights/:rightId')
  @RequirePermission(Permission.PersonWrite)
  updateRight(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Param('rightId', IdParam) rightId: string,
    @Body() body: UpdateRightDto,
  ): Promise<RightView> {
    return this.pathways.updateRight(ctx, id, rightId, body);
  }
}

@ApiTags('pathways')
@Controller('pathways/:id')
export class PathwaysController {
  constructor(private readonly pathways: PathwaysService) {}

  @Post('events')
  @RequirePermission(Permission.PersonWrite)
  record(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: PathwayEventDto,
  ): Promise<PathwayView> {
    return this.pathways.record(ctx, id, body);
  }

  @Post('goals')
  @RequirePermission(Permission.PersonWrite)
  addGoal(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string, @Body() body: GoalDto): Promise<GoalView> {
    return this.pathways.addGoal(ctx, id, body);
  }

  @Patch('goals/:goalId')
  @RequirePermission(Permission.PersonWrite)
  updateGoal(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Param('goalId', IdParam) goalId: string,
    @Body() body: UpdateGoalDto,
  ): Promise<GoalView> {
    return this.pathways.updateGoal(ctx, id, goalId, body);
  }
}

@ApiTags('pathways')
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly pathways: PathwaysService) {}

  /** Upcoming and overdue deadlines: of one person, a caseload page, my files, or my sites. */
  @Get()
  @RequirePermission(Permission.CaseloadRead)
  list(@Ctx() ctx: RequestContext, @Query() query: DeadlineQueryDto): Promise<DeadlineItem[]> {
    return this.pathways.deadlines(ctx, query);
  }
}

@ApiTags('pathways')
@Controller('commission-sessions')
export class CommissionController {
  constructor(private readonly pathways: PathwaysService) {}

  @Get()
  @RequirePermission(Permission.CaseloadRead)
  list(@Ctx() ctx: RequestContext, @Query() query: DepartementQuery): Promise<CommissionSessionView[]> {
    return this.pathways.sessions(ctx, query.departement);
  }

  @Post()
  @RequirePermission(Permission.PersonWrite)
  create(@Ctx() ctx: RequestContext, @Body() body: CommissionSessionDto): Promise<CommissionSessionView> {
    return this.pathways.createSession(ctx, body);
  }

  /** Files waiting for the département's next session and renewals due before it, in my scope. */
  @Get('agenda')
  @RequirePermission(Permission.CaseloadRead)
  agenda(@Ctx() ctx: RequestContext, @Query() query: AgendaQuery): Promise<CommissionAgenda> {
    return this.pathways.agenda(ctx, query.departement);
  }

  @Get(':id')
  @RequirePermission(Permission.CaseloadRead)
  get(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<CommissionSessionDetail> {
    return this.pathways.session(ctx, id);
  }
}

/** psp.md's durations, lead times and AFIS amounts, per association (defaults shown alongside). */
@ApiTags('admin')
@Controller('pathway-settings')
export class PathwaySettingsController {
  constructor(private readonly pathways: PathwaysService) {}

  @Get()
  @RequirePermission(Permission.SettingsRead)
  get(@Ctx() ctx: RequestContext): Promise<PathwaySettingsView> {
    return this.pathways.settingsView(ctx);
  }

  @Patch()
  @RequirePermission(Permission.SettingsManage)
  update(@Ctx() ctx: RequestContext, @Body() body: PathwaySettingsDto): Promise<PathwaySettingsView> {
    return this.pathways.updateSettings(ctx, body);
  }
}
