import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AFIS_REFUSAL_REASONS,
  COMMISSION_OPINIONS,
  GOAL_DOMAINS,
  GOAL_STATUSES,
  PATHWAY_END_REASONS,
  PATHWAY_EVENT_KINDS,
  PATHWAY_KINDS,
  RIGHT_KINDS,
  type AfisRefusalReason,
  type CommissionOpinion,
  type GoalDomain,
  type GoalStatus,
  type PathwayEndReason,
  type PathwayEventKind,
  type PathwayKind,
  type RightKind,
} from '@app/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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

/** Calendar dates travel as 'YYYY-MM-DD'; the rules refuse impossible days with INVALID_DATE. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEPARTEMENT = /^(\d{2}|2A|2B|97\d)$/;
/** A préfecture's reference: letters, digits and separators only (never a name). */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,63}$/;
const SITUATIONS = [
  'street',
  'emergency_shelter',
  'hotel',
  'chrs',
  'social_housing',
  'private_rental',
  'hosted',
  'other',
  'none',
  'job_seeking',
  'training',
  'employed',
  'self_employed',
  'rsa',
  'asylum_allowance',
  'salary',
  'unemployment',
  'disability',
];
const RIGHT_STATUS_VALUES = ['requested', 'issued', 'renewing', 'refused', 'expired', 'granted', 'ended', 'current'];

const nullable = (_o: unknown, v: unknown) => v !== null;

export class OpenPathwayDto {
  @ApiProperty({ enum: PATHWAY_KINDS })
  @IsIn(PATHWAY_KINDS)
  kind!: PathwayKind;

  @ApiProperty({ format: 'date', example: '2026-05-04' })
  @IsString()
  @Matches(DATE)
  openedOn!: string;

  @ApiPropertyOptional({ example: '75', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(DEPARTEMENT)
  departement?: string | null;
}

export class PathwayEventDto {
  @ApiProperty({ enum: PATHWAY_EVENT_KINDS })
  @IsIn(PATHWAY_EVENT_KINDS)
  kind!: PathwayEventKind;

  @ApiProperty({ format: 'date', description: 'The date of the step (decision, filing, session…)' })
  @IsString()
  @Matches(DATE)
  on!: string;

  @ApiPropertyOptional({ maxLength: 64, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(REFERENCE)
  decisionReference?: string | null;

  @ApiPropertyOptional({ enum: COMMISSION_OPINIONS, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsIn(COMMISSION_OPINIONS)
  opinion?: CommissionOpinion | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  commissionSessionId?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'Period 1 start stated by the decision' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(DATE)
  startsOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'When a refusal was notified' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(DATE)
  notifiedOn?: string | null;

  @ApiPropertyOptional({ enum: PATHWAY_END_REASONS, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsIn(PATHWAY_END_REASONS)
  endReason?: PathwayEndReason | null;
}

export class GoalDto {
  @ApiProperty({ enum: GOAL_DOMAINS })
  @IsIn(GOAL_DOMAINS)
  domain!: GoalDomain;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @IsOptional()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(DATE)
  targetOn?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(1000)
  outcome?: string | null;
}

export class UpdateGoalDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: GOAL_STATUSES })
  @IsOptional()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(DATE)
  targetOn?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(1000)
  outcome?: string | null;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

class RightFieldsDto {
  @ApiPropertyOptional({ enum: SITUATIONS, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsIn(SITUATIONS)
  situation?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(DATE)
  requestedOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(DATE)
  startsOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(DATE)
  endsOn?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Matches(DATE)
  receiptUntil?: string | null;

  @ApiPropertyOptional({ enum: AFIS_REFUSAL_REASONS, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsIn(AFIS_REFUSAL_REASONS)
  refusalReason?: AfisRefusalReason | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 20, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(0)
  @Max(20)
  children?: number | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The préfet decision an AFIS is tied to' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  decisionEventId?: string | null;
}

export class RightDto extends RightFieldsDto {
  @ApiProperty({ enum: RIGHT_KINDS })
  @IsIn(RIGHT_KINDS)
  kind!: RightKind;

  @ApiProperty({ enum: RIGHT_STATUS_VALUES })
  @IsIn(RIGHT_STATUS_VALUES)
  status!: string;
}

export class UpdateRightDto extends RightFieldsDto {
  @ApiPropertyOptional({ enum: RIGHT_STATUS_VALUES })
  @IsOptional()
  @IsIn(RIGHT_STATUS_VALUES)
  status?: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}

const idList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').filter(Boolean) : value;

export class DeadlineQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: 'Comma-separated person ids (a caseload page)', example: 'uuid,uuid' })
  @IsOptional()
  @Transform(idList)
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  personIds?: string[];

  @ApiPropertyOptional({ enum: ['mine', 'all'], default: 'all' })
  @IsOptional()
  @IsIn(['mine', 'all'])
  scope?: 'mine' | 'all';
}

export class DepartementQuery {
  @ApiPropertyOptional({ example: '75' })
  @IsOptional()
  @IsString()
  @Matches(DEPARTEMENT)
  departement?: string;
}

export class AgendaQuery {
  @ApiProperty({ example: '75' })
  @IsString()
  @Matches(DEPARTEMENT)
  departement!: string;
}

export class CommissionSessionDto {
  @ApiProperty({ example: '75' })
  @IsString()
  @Matches(DEPARTEMENT)
  departement!: string;

  @ApiProperty({ format: 'date' })
  @IsString()
  @Matches(DATE)
  heldOn!: string;
}

export class PathwaySettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 24 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  periodMonths?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  maxPeriods?: number;

  @ApiPropertyOptional({ type: [Number], maxItems: 4 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  renewalLeadDays?: number[];

  @ApiPropertyOptional({ minimum: 1, maximum: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  exitPlanFollowUpMonths?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  apsLeadDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  appealWindowMonths?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  appealReminderDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000_000, description: 'AFIS for one person, cents per month' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  afisMonthlyCents?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000_000, description: 'AFIS per child, cents per month' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  afisPerChildCents?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 730 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  deadlineHorizonDays?: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version!: number;
}
