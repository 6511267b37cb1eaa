import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, type ReminderItem } from '@app/contracts';
import { PeopleService } from '@app/people';
import type { RequestContext } from '@app/platform';
import { RemindersService, type NotificationView, type ReminderView, type ReminderViewer } from '@app/reminders';
import { Audited } from '../http/audit.interceptor';
import { EmptyBody } from '../http/empty-body.pipe';
import { IdParam } from '../http/id.pipe';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';
import { ReminderVersionDto, SnoozeDto } from './reminders.dto';

export type { ReminderItem } from '@app/contracts';

function viewerOf(ctx: RequestContext): ReminderViewer {
  const actor = ctx.actor!;
  return { userId: actor.userId, roles: actor.roles, siteIds: actor.siteIds ?? [] };
}

/**
 * Reminders: what the signed-in user must act on, a coordinator's overdue view
 * across teams, and a file's reminders. Names appear only for files the viewer may see.
 */
@ApiTags('reminders')
@Controller()
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly people: PeopleService,
  ) {}

  private async withPeople(ctx: RequestContext, views: ReminderView[]): Promise<{ items: ReminderItem[] }> {
    const labels = await this.people.labels(
      ctx,
      views.flatMap((v) => (v.personId ? [v.personId] : [])),
    );
    return { items: views.map((v) => ({ ...v, person: (v.personId && labels.get(v.personId)) || null })) };
  }

  @Get('reminders')
  @RequirePermission(Permission.Self)
  async mine(@Ctx() ctx: RequestContext): Promise<{ items: ReminderItem[] }> {
    return this.withPeople(ctx, await this.reminders.mine(ctx, viewerOf(ctx)));
  }

  @Get('reminders/overdue')
  @RequirePermission(Permission.CaseloadAssign)
  async overdue(@Ctx() ctx: RequestContext): Promise<{ items: ReminderItem[] }> {
    return this.withPeople(ctx, await this.reminders.overdue(ctx, ctx.actor?.siteIds ?? []));
  }

  @Post('reminders/:id/done')
  @HttpCode(200)
  @Audited({ action: 'reminder.done', objectType: 'reminder', idParam: 'id' })
  @RequirePermission(Permission.Self)
  done(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: ReminderVersionDto,
  ): Promise<ReminderView> {
    return this.reminders.markDone(ctx, viewerOf(ctx), id, body.version);
  }

  @Post('reminders/:id/snooze')
  @HttpCode(200)
  @Audited({ action: 'reminder.snoozed', objectType: 'reminder', idParam: 'id' })
  @RequirePermission(Permission.Self)
  snooze(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string, @Body() body: SnoozeDto): Promise<ReminderView> {
    return this.reminders.snooze(ctx, viewerOf(ctx), id, body.version, body.until);
  }

  @Get('persons/:id/reminders')
  @RequirePermission(Permission.PersonRead)
  async forPerson(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<{ items: ReminderView[] }> {
    await this.people.requireInScope(ctx, id);
    return { items: await this.reminders.forPerson(ctx, id) };
  }

  @Get('notifications')
  @RequirePermission(Permission.Self)
  async notifications(@Ctx() ctx: RequestContext): Promise<{ items: NotificationView[]; unread: number }> {
    const userId = ctx.actor!.userId;
    return {
      items: await this.reminders.notifications(ctx, userId),
      unread: await this.reminders.unreadCount(ctx, userId),
    };
  }

  @Get('notifications/unread-count')
  @RequirePermission(Permission.Self)
  async unread(@Ctx() ctx: RequestContext): Promise<{ unread: number }> {
    return { unread: await this.reminders.unreadCount(ctx, ctx.actor!.userId) };
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  @RequirePermission(Permission.Self)
  async read(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body(EmptyBody) _body: unknown,
  ): Promise<void> {
    await this.reminders.markRead(ctx, ctx.actor!.userId, id);
  }

  @Post('notifications/read-all')
  @HttpCode(204)
  @RequirePermission(Permission.Self)
  async readAll(@Ctx() ctx: RequestContext, @Body(EmptyBody) _body: unknown): Promise<void> {
    await this.reminders.markRead(ctx, ctx.actor!.userId, null);
  }
}
