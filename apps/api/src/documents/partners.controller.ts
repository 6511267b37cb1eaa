import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, type PartnerView, type ReferralView } from '@app/contracts';
import { PartnersService } from '@app/partners';
import type { RequestContext } from '@app/platform';
import { IdParam } from '../http/id.pipe';
import { RequirePermission } from '../http/public.decorator';
import { Ctx } from '../http/transaction.interceptor';
import {
  CreatePartnerDto,
  CreateReferralDto,
  PartnerListQuery,
  UpdatePartnerDto,
  UpdateReferralDto,
} from './documents.dto';

/** The association's partners directory: read by caseload roles, kept by admins and coordinators. */
@ApiTags('partners')
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @RequirePermission(Permission.PartnersRead)
  list(@Ctx() ctx: RequestContext, @Query() query: PartnerListQuery): Promise<PartnerView[]> {
    return this.partners.listPartners(ctx, query.includeArchived ?? false);
  }

  @Post()
  @RequirePermission(Permission.PartnersManage)
  create(@Ctx() ctx: RequestContext, @Body() body: CreatePartnerDto): Promise<PartnerView> {
    return this.partners.createPartner(ctx, body);
  }

  @Patch(':id')
  @RequirePermission(Permission.PartnersManage)
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: UpdatePartnerDto,
  ): Promise<PartnerView> {
    return this.partners.updatePartner(ctx, id, body);
  }
}

/** Referrals of a person to partners, gated by the consent ledger. */
@ApiTags('referrals')
@Controller('persons/:id/referrals')
export class ReferralsController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @RequirePermission(Permission.PersonRead)
  list(@Ctx() ctx: RequestContext, @Param('id', IdParam) id: string): Promise<ReferralView[]> {
    return this.partners.listReferrals(ctx, id);
  }

  @Post()
  @RequirePermission(Permission.PersonWrite)
  create(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Body() body: CreateReferralDto,
  ): Promise<ReferralView> {
    return this.partners.createReferral(ctx, id, body);
  }

  @Patch(':referralId')
  @RequirePermission(Permission.PersonWrite)
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', IdParam) id: string,
    @Param('referralId', IdParam) referralId: string,
    @Body() body: UpdateReferralDto,
  ): Promise<ReferralView> {
    return this.partners.updateReferral(ctx, id, referralId, body);
  }
}
