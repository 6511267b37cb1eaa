import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DOCUMENT_KINDS,
  OUTREACH_CHANNELS,
  OUTREACH_PLACE_KINDS,
  PARTNER_KINDS,
  REFERRAL_OUTCOMES,
  SHARED_CATEGORIES,
  type DocumentKind,
  type OutreachChannel,
  type OutreachPlaceKind,
  type PartnerKind,
  type ReferralOutcome,
  type SharedCategory,
} from '@app/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../access/access.dto';

const DATE = /^(19|20)\d{2}-\d{2}-\d{2}$/;
const MAX_TALLY = 999;

// ── documents ──

/** The text fields of the multipart upload (sent before the file part). */
export class UploadDocumentFields {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind!: DocumentKind;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DATE)
  issuedOn?: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DATE)
  expiresOn?: string;
}

export class UpdateDocumentDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;

  @ApiPropertyOptional({ enum: DOCUMENT_KINDS })
  @IsOptional()
  @IsIn(DOCUMENT_KINDS)
  kind?: DocumentKind;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(DATE)
  issuedOn?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(DATE)
  expiresOn?: string | null;
}

export class ContentQuery {
  @ApiPropertyOptional({ enum: ['inline', 'attachment'], default: 'attachment' })
  @IsOptional()
  @IsIn(['inline', 'attachment'])
  disposition?: 'inline' | 'attachment';
}

// ── partners ──

export class CreatePartnerDto {
  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind!: PartnerKind;

  @ApiProperty({ minLength: 2, maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @Matches(/\S/)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(/^[\d\s+().-]{3,40}$/)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsEmail({}, { message: 'isEmail' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(500)
  address?: string | null;
}

export class UpdatePartnerDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;

  @ApiPropertyOptional({ enum: PARTNER_KINDS })
  @IsOptional()
  @IsIn(PARTNER_KINDS)
  kind?: PartnerKind;

  @ApiPropertyOptional({ minLength: 2, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @Matches(/\S/)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(/^[\d\s+().-]{3,40}$/)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsEmail({}, { message: 'isEmail' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ description: 'false archives the partner (kept for past referrals)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PartnerListQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeArchived?: boolean;
}

// ── referrals ──

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId!: string;

  @ApiProperty({ minLength: 3, maxLength: 2000, description: 'Why the person is referred (encrypted at rest)' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ type: String, format: 'date' })
  @IsDateString({ strict: true })
  @Matches(DATE)
  referredOn!: string;

  @ApiPropertyOptional({ enum: REFERRAL_OUTCOMES, default: 'pending' })
  @IsOptional()
  @IsIn(REFERRAL_OUTCOMES)
  outcome?: ReferralOutcome;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(DATE)
  followUpOn?: string | null;

  @ApiProperty({ enum: SHARED_CATEGORIES, isArray: true, description: 'Categories of data handed to the partner' })
  @IsArray()
  @ArrayMaxSize(SHARED_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(SHARED_CATEGORIES, { each: true })
  sharedCategories!: SharedCategory[];

  @ApiProperty({ description: 'Under the file number only: no identity, no contact details' })
  @IsBoolean()
  pseudonymous!: boolean;
}

export class UpdateReferralDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;

  @ApiPropertyOptional({ enum: REFERRAL_OUTCOMES })
  @IsOptional()
  @IsIn(REFERRAL_OUTCOMES)
  outcome?: ReferralOutcome;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(DATE)
  followUpOn?: string | null;
}

// ── outreach ──

function tally(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ minimum: 0, maximum: MAX_TALLY })(target, key);
    IsOptional()(target, key);
    IsInt()(target, key);
    Min(0)(target, key);
    Max(MAX_TALLY)(target, key);
  };
}

export class GenderTallyDto {
  @tally() women?: number;
  @tally() men?: number;
  @tally() trans?: number;
  @tally() unknown?: number;
}

export class LanguageTallyDto {
  @tally() fr?: number;
  @tally() en?: number;
  @tally() es?: number;
  @tally() pt?: number;
  @tally() ro?: number;
  @tally() bg?: number;
  @tally() ru?: number;
  @tally() zh?: number;
  @tally() ar?: number;
  @tally() other?: number;
}

export class MaterialTallyDto {
  @tally() condoms?: number;
  @tally() lubricant?: number;
  @tally() leaflets?: number;
  @tally() hygiene_kits?: number;
  @tally() food?: number;
  @tally() other?: number;
}

export class OrientationTallyDto {
  @tally() housing?: number;
  @tally() health?: number;
  @tally() employment?: number;
  @tally() training?: number;
  @tally() legal?: number;
  @tally() residence?: number;
  @tally() income?: number;
  @tally() child_protection?: number;
  @tally() other?: number;
}

export class OutreachTalliesDto {
  @ApiProperty({ minimum: 0, maximum: MAX_TALLY })
  @IsInt()
  @Min(0)
  @Max(MAX_TALLY)
  peopleMet!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_TALLY })
  @IsInt()
  @Min(0)
  @Max(MAX_TALLY)
  newContacts!: number;

  @ApiPropertyOptional({ type: GenderTallyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GenderTallyDto)
  gender?: GenderTallyDto;

  @ApiPropertyOptional({ type: LanguageTallyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LanguageTallyDto)
  firstLanguage?: LanguageTallyDto;

  @ApiPropertyOptional({ type: MaterialTallyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MaterialTallyDto)
  materials?: MaterialTallyDto;

  @ApiPropertyOptional({ type: OrientationTallyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrientationTallyDto)
  orientations?: OrientationTallyDto;
}

/**
 * Every field is a date, a number, an id or a closed list: none can carry a name or a description.
 * Unknown keys are refused by the global whitelist (a free-text "notes" field sent by an old
 * client answers 400).
 */
export class CreateOutreachSessionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  siteId!: string;

  @ApiProperty({ type: String, format: 'date' })
  @IsDateString({ strict: true })
  @Matches(DATE)
  heldOn!: string;

  @ApiProperty({ enum: OUTREACH_PLACE_KINDS })
  @IsIn(OUTREACH_PLACE_KINDS)
  placeKind!: OutreachPlaceKind;

  @ApiPropertyOptional({ enum: OUTREACH_CHANNELS, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(OUTREACH_CHANNELS)
  channel?: OutreachChannel | null;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 1440, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(1440)
  durationMinutes?: number | null;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  teamMemberIds!: string[];

  @ApiProperty({ type: OutreachTalliesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OutreachTalliesDto)
  tallies!: OutreachTalliesDto;
}

export class OutreachListQuery extends PageQuery {}
