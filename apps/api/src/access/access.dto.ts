import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REMINDER_LEAD_TIMES as LEAD, Role } from '@app/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const ASSIGNABLE = [Role.SocialWorker, Role.OutreachVolunteer, Role.Coordinator, Role.Admin, Role.Dpo];

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;
}

export class InviteUserDto {
  @ApiProperty({ maxLength: 254, example: 'new.worker@association.example' })
  @IsEmail({}, { message: 'isEmail' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName!: string;

  @ApiProperty({ enum: ASSIGNABLE, isArray: true })
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(ASSIGNABLE, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true })
  siteIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  teamId?: string | null;
}

export class UpdateUserDto {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName!: string;

  @ApiProperty({ description: 'The version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class SetRolesDto {
  @ApiProperty({ enum: ASSIGNABLE, isArray: true })
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(ASSIGNABLE, { each: true })
  roles!: Role[];
}

export class SetSitesDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Empty: every site of the association' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true })
  siteIds!: string[];
}

export class SetTeamDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  teamId!: string | null;
}

export class CreateSiteDto {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ description: 'Short code used in file numbers', example: 'PAR' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{2,8}$/, { message: 'matches' })
  code!: string;

  @ApiProperty({ description: 'INSEE département code', example: '75' })
  @IsString()
  @Matches(/^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/, { message: 'matches' })
  departement!: string;
}

export class UpdateSiteDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ example: '93' })
  @IsOptional()
  @IsString()
  @Matches(/^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/, { message: 'matches' })
  departement?: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class CreateTeamDto {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  siteId!: string;
}

export class UpdateTeamDto {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ enum: ASSIGNABLE, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(ASSIGNABLE, { each: true })
  mfaRequiredRoles?: Role[];

  @ApiPropertyOptional({ minimum: 1, maximum: 72 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(72)
  breakGlassHours?: number;

  // Reminder lead times (domain/psp.md "Deadlines Envol raises"); ranges from libs/contracts, checked
  // again by the database.
  @ApiPropertyOptional({ description: 'days', minimum: LEAD.noContactDays.min, maximum: LEAD.noContactDays.max })
  @IsOptional()
  @IsInt()
  @Min(LEAD.noContactDays.min)
  @Max(LEAD.noContactDays.max)
  noContactDays?: number;

  @ApiPropertyOptional({ description: 'years', minimum: LEAD.retentionYears.min, maximum: LEAD.retentionYears.max })
  @IsOptional()
  @IsInt()
  @Min(LEAD.retentionYears.min)
  @Max(LEAD.retentionYears.max)
  retentionYears?: number;

  @ApiPropertyOptional({
    description: 'days',
    minimum: LEAD.appointmentLeadDays.min,
    maximum: LEAD.appointmentLeadDays.max,
  })
  @IsOptional()
  @IsInt()
  @Min(LEAD.appointmentLeadDays.min)
  @Max(LEAD.appointmentLeadDays.max)
  appointmentLeadDays?: number;

  @ApiPropertyOptional({
    description: 'days',
    minimum: LEAD.documentExpiryLeadDays.min,
    maximum: LEAD.documentExpiryLeadDays.max,
  })
  @IsOptional()
  @IsInt()
  @Min(LEAD.documentExpiryLeadDays.min)
  @Max(LEAD.documentExpiryLeadDays.max)
  documentExpiryLeadDays?: number;

  @ApiPropertyOptional({
    description: 'months',
    minimum: LEAD.approvalRenewalLeadMonths.min,
    maximum: LEAD.approvalRenewalLeadMonths.max,
  })
  @IsOptional()
  @IsInt()
  @Min(LEAD.approvalRenewalLeadMonths.min)
  @Max(LEAD.approvalRenewalLeadMonths.max)
  approvalRenewalLeadMonths?: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}
