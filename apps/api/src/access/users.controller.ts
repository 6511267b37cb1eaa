import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UsersAdminService } from '@app/access';
import { AccountStatus } from '@app/auth';
import { Permission, type InvitationResult, type Paged, type UserSummary } from '@app/contracts';
import { AppConfig, Mailer, type RequestContext } from '@app/platform';
import { Audited } from '../http/audit.interceptor';
import { resetLinkMail } from '../mail/reset-link.mail';
import { EmptyBody } from '../http/empty-body.pipe';
import { IdParam } from '../http/id.pipe';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';
import { InviteUserDto, SetRolesDto, SetSitesDto, SetTeamDto, UpdateUserDto, UserListQuery } from './access.dto';

/** Accounts of the caller's association. Roles, sites and team change only through their own routes. */
@ApiTags('admin')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersAdminService,
    private readonly config: AppConfig,
    private readonly mailer: Mailer,
  ) {}

  @Get()
  @RequirePermission(Permission.UsersRead)
  list(@Ctx() ctx: RequestContext, @Query() query: UserListQuery): Promise<Paged<UserSummary>> {
    return this.users.list(ctx, {
      page: query.page,
      pageSize: query.pageSize,
      status: query.status as AccountStatus | undefined,
      role: query.role,
    });
  }

  @Post()
  @RequirePermission(Permission.UsersManage)
  @ApiOkResponse({ description: 'The account and the one-time link to hand over (null when emailed)' })
  @Audited({ action: 'user.invited', objectType: 'account' })
  async invite(@Ctx() ctx: RequestContext, @Body() body: InviteUserDto): Promise<InvitationResult> {
    const result = await this.users.invite(ctx, body, this.config.baseUrl);
    if (this.mailer.configured && result.resetLink) {
      const link = { url: result.resetLink, expiresAt: new Date(result.resetLinkExpiresAt) };
      await this.mailer.send(resetLinkMail(body.email, link, 'new_account'));
      return { ...result, resetLink: null };
    }
    return result;
  }

  @Get(':id')
  @RequirePermission(Permission.UsersRead)
  get(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<UserSummary> {
    return this.users.get(ctx, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.UsersManage)
  @Audited({ action: 'user.updated', objectType: 'account', idParam: 'id' })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserSummary> {
    return this.users.updateProfile(ctx, id, body);
  }

  @Post(':id/roles')
  @HttpCode(200)
  @RequirePermission(Permission.UsersManage)
  @Audited({ action: 'user.roles.set', objectType: 'account', idParam: 'id' })
  setRoles(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: SetRolesDto,
  ): Promise<UserSummary> {
    return this.users.setRoles(ctx, id, body.roles);
  }

  @Post(':id/sites')
  @HttpCode(200)
  @RequirePermission(Permission.UsersManage)
  @Audited({ action: 'user.sites.set', objectType: 'account', idParam: 'id' })
  setSites(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: SetSitesDto,
  ): Promise<UserSummary> {
    return this.users.setSites(ctx, id, body.siteIds);
  }

  @Post(':id/team')
  @HttpCode(200)
  @RequirePermission(Permission.UsersManage)
  @Audited({ action: 'user.team.set', objectType: 'account', idParam: 'id' })
  setTeam(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: SetTeamDto,
  ): Promise<UserSummary> {
    return this.users.setTeam(ctx, id, body.teamId);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @RequirePermission(Permission.UsersManage)
  @Audited({ action: 'user.disabled', objectType: 'account', idParam: 'id' })
  disable(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body(EmptyBody) _body: unknown,
  ): Promise<UserSummary> {
    return this.users.setStatus(ctx, id, AccountStatus.Disabled);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermission(Permission.UsersManage)
  @Audited({ action: 'user.enabled', objectType: 'account', idParam: 'id' })
  enable(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body(EmptyBody) _body: unknown,
  ): Promise<UserSummary> {
    return this.users.setStatus(ctx, id, AccountStatus.Active);
  }

  @Post(':id/reset-link')
  @HttpCode(200)
  @RequirePermission(Permission.UsersManage)
  @Audited({ action: 'user.reset_link.issued', objectType: 'account', idParam: 'id' })
  async resetLink(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body(EmptyBody) _body: unknown,
  ): Promise<{ resetLink: string | null; expiresAt: string }> {
    const link = await this.users.issueResetLink(ctx, id, this.config.baseUrl);
    if (this.mailer.configured) {
      await this.mailer.send(resetLinkMail(link.email, link, 'new_password'));
      return { resetLink: null, expiresAt: link.expiresAt.toISOString() };
    }
    return { resetLink: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  @Post(':id/mfa-reset')
  @HttpCode(200)
  @RequirePermission(Permission.UsersManage)
  @Audited({ action: 'user.mfa.reset', objectType: 'account', idParam: 'id' })
  resetMfa(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body(EmptyBody) _body: unknown,
  ): Promise<UserSummary> {
    return this.users.resetMfa(ctx, id);
  }
}
