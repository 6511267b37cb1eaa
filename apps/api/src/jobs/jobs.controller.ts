import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '@app/contracts';
import { OutboxService, type FailedJob, type RequestContext } from '@app/platform';
import { Audited } from '../http/audit.interceptor';
import { EmptyBody } from '../http/empty-body.pipe';
import { IdParam } from '../http/id.pipe';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';

/** The admin's "failed jobs" page: job name, error code, attempts; "retry" resets the outbox row. */
@ApiTags('admin')
@Controller('jobs')
export class JobsController {
  constructor(private readonly outbox: OutboxService) {}

  @Get('failed')
  @RequirePermission(Permission.JobsManage)
  failed(@Ctx() ctx: RequestContext): Promise<FailedJob[]> {
    return this.outbox.listFailed(ctx);
  }

  @Post(':id/retry')
  @HttpCode(204)
  @RequirePermission(Permission.JobsManage)
  @Audited({ action: 'job.retried', objectType: 'job', idParam: 'id' })
  @ApiNoContentResponse({ description: 'The failed job is due again; the relay takes it' })
  async retry(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body(EmptyBody) _body: unknown,
  ): Promise<void> {
    await this.outbox.retry(ctx, id);
  }
}
