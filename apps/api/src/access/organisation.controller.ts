import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BreakGlassService, OrganisationService, type GrantView } from '@app/access';
import { Permission, type AssociationSettingsView, type SiteView, type TeamView } from '@app/contracts';
import type { RequestContext } from '@app/platform';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Audited } from '../http/audit.interceptor';
import { EmptyBody } from '../http/empty-body.pipe';
import { IdParam } from '../http/id.pipe';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';
import { CreateSiteDto, CreateTeamDto, UpdateSettingsDto, UpdateSiteDto, UpdateTeamDto } from './access.dto';
import { SettingsService } from './settings.service';

@ApiTags('admin')
@Controller('sites')
export class SitesController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @RequirePermission(Permission.OrganisationRead)
  list(@Ctx() ctx: RequestContext): Promise<SiteView[]> {
    return this.organisation.listSites(ctx);
  }

  @Post()
  @RequirePermission(Permission.OrganisationManage)
  @Audited({ action: 'site.created', objectType: 'site' })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateSiteDto): Promise<SiteView> {
    return this.organisation.createSite(ctx, body);
  }

  @Patch(':id')
  @RequirePermission(Permission.OrganisationManage)
  @Audited({ action: 'site.updated', objectType: 'site', idParam: 'id' })
  update(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string, @Body() body: UpdateSiteDto): Promise<SiteView> {
    return this.organisation.updateSite(ctx, id, body);
  }
}

@ApiTags('admin')
@Controller('teams')
export class TeamsController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @RequirePermission(Permission.OrganisationRead)
  list(@Ctx() ctx: RequestContext): Promise<TeamView[]> {
    return this.organisation.listTeams(ctx);
  }

  @Post()
  @RequirePermission(Permission.OrganisationManage)
  @Audited({ action: 'team.created', objectType: 'team' })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateTeamDto): Promise<TeamView> {
    return this.organisation.createTeam(ctx, body);
  }

  @Patch(':id')
  @RequirePermission(Permission.OrganisationManage)
  @Audited({ action: 'team.updated', objectType: 'team', idParam: 'id' })
  update(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string, @Body() body: UpdateTeamDto): Promise<TeamView> {
    return this.organisation.updateTeam(ctx, id, body);
  }
}

@ApiTags('admin')
@Controller('settings')
export class SettingsController {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly settings: SettingsService,
  ) {}

  @Get()
  @RequirePermission(Permission.SettingsRead)
  get(@Ctx() ctx: RequestContext): Promise<AssociationSettingsView> {
    return this.organisation.settings(ctx);
  }

  @Patch()
  @RequirePermission(Permission.SettingsManage)
  @Audited({ action: 'settings.updated', objectType: 'association' })
  update(@Ctx() ctx: RequestContext, @Body() body: UpdateSettingsDto): Promise<AssociationSettingsView> {
    return this.settings.update(ctx, body);
  }
}

export class GrantListQuery {
  @ApiPropertyOptional({ enum: ['pending', 'all'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'all'])
  show?: 'pending' | 'all';
}

/** The DPO's review list of break-the-glass openings. */
@ApiTags('audit')
@Controller('break-glass-grants')
export class BreakGlassReviewController {
  constructor(private readonly breakGlass: BreakGlassService) {}

  @Get()
  @RequirePermission(Permission.BreakGlassReview)
  list(@Ctx() ctx: RequestContext, @Query() query: GrantListQuery): Promise<GrantView[]> {
    return this.breakGlass.listForReview(ctx, query.show === 'all');
  }

  @Post(':id/review')
  @RequirePermission(Permission.BreakGlassReview)
  @Audited({ action: 'break_glass.reviewed', objectType: 'break_glass_grant', idParam: 'id' })
  review(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body(EmptyBody) _body: unknown,
  ): Promise<GrantView> {
    return this.breakGlass.markReviewed(ctx, id);
  }
}
