import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type AgendaItem,
  type AppointmentView,
  type DeletedJournalEventView,
  type JournalEventVersionView,
  type JournalEventView,
  type Paged,
} from '@app/contracts';
import { CaseworkService } from '@app/casework';
import type { RequestContext } from '@app/platform';
import { EmptyBody } from '../http/empty-body.pipe';
import { IdParam } from '../http/id.pipe';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';
import {
  AgendaQuery,
  AppointmentsQuery,
  CreateAppointmentDto,
  CreateJournalEventDto,
  JournalQuery,
  UpdateAppointmentDto,
  UpdateJournalEventDto,
} from './casework.dto';

/** The journal of a file. Out-of-scope files and notes the caller may not read answer 404. */
@ApiTags('casework')
@Controller()
export class JournalController {
  constructor(private readonly casework: CaseworkService) {}

  @Get('persons/:id/events')
  @RequirePermission(Permission.PersonRead)
  list(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Query() query: JournalQuery,
  ): Promise<Paged<JournalEventView>> {
    return this.casework.journal(ctx, id, query);
  }

  @Post('persons/:id/events')
  @RequirePermission(Permission.PersonWrite)
  create(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: CreateJournalEventDto,
  ): Promise<JournalEventView> {
    return this.casework.logEvent(ctx, id, body);
  }

  /** For the DPO: deleted notes' metadata (never their text). */
  @Get('persons/:id/deleted-events')
  @RequirePermission(Permission.AuditRead)
  deleted(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<DeletedJournalEventView[]> {
    return this.casework.deletedEvents(ctx, id);
  }

  @Patch('events/:id')
  @RequirePermission(Permission.PersonWrite)
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: UpdateJournalEventDto,
  ): Promise<JournalEventView> {
    return this.casework.editEvent(ctx, id, body);
  }

  @Delete('events/:id')
  @HttpCode(204)
  @RequirePermission(Permission.PersonWrite)
  remove(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body(EmptyBody) _body: undefined,
  ): Promise<void> {
    return this.casework.deleteEvent(ctx, id);
  }

  @Get('events/:id/versions')
  @RequirePermission(Permission.PersonRead)
  versions(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<JournalEventVersionView[]> {
    return this.casework.versions(ctx, id);
  }
}

@ApiTags('casework')
@Controller()
export class AppointmentsController {
  constructor(private readonly casework: CaseworkService) {}

  @Get('persons/:id/appointments')
  @RequirePermission(Permission.PersonRead)
  list(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Query() query: AppointmentsQuery,
  ): Promise<AppointmentView[]> {
    return this.casework.appointments(ctx, id, { includePast: query.past ?? false });
  }

  @Post('persons/:id/appointments')
  @RequirePermission(Permission.PersonWrite)
  create(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: CreateAppointmentDto,
  ): Promise<AppointmentView> {
    return this.casework.planAppointment(ctx, id, body);
  }

  @Patch('appointments/:id')
  @RequirePermission(Permission.PersonWrite)
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: UpdateAppointmentDto,
  ): Promise<AppointmentView> {
    return this.casework.changeAppointment(ctx, id, body);
  }

  @Delete('appointments/:id')
  @HttpCode(204)
  @RequirePermission(Permission.PersonWrite)
  remove(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body(EmptyBody) _body: undefined,
  ): Promise<void> {
    return this.casework.removeAppointment(ctx, id);
  }
}

@ApiTags('casework')
@Controller('agenda')
export class AgendaController {
  constructor(private readonly casework: CaseworkService) {}

  /** The signed-in worker's appointments (organised or accompanied) between `from` and `to`. */
  @Get()
  @RequirePermission(Permission.PersonRead)
  agenda(@Ctx() ctx: RequestContext, @Query() query: AgendaQuery): Promise<AgendaItem[]> {
    return this.casework.agenda(ctx, query.from, query.to);
  }
}
