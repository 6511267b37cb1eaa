import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSENT_PURPOSES,
  CONTACT_CHANNELS,
  GENDERS,
  IDENTITY_DOCUMENT_KINDS,
  NATIONALITY_GROUPS,
  PERSON_STATUSES,
  type ConsentPurpose,
  type ContactChannel,
  type Gender,
  type IdentityDocumentKind,
  type IdentityVerification,
  type NationalityGroup,
  type PersonStatus,
} from '@app/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
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

const booleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class IdentityDocumentDto {
  @ApiProperty({ enum: IDENTITY_DOCUMENT_KINDS })
  @IsIn(IDENTITY_DOCUMENT_KINDS)
  kind!: IdentityDocumentKind;

  @ApiProperty()
  @IsBoolean()
  held!: boolean;
}

export class IdentityDto {
  @ApiProperty({ type: String, nullable: true, maxLength: 200 })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  legalName!: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 200 })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200)
  usedName!: string | null;

  @ApiProperty({ type: [String], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases!: string[];

  @ApiProperty({ type: String, nullable: true, format: 'date', example: '1994-03-12' })
  @ValidateIf((_o, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(/^(19|20)\d{2}-\d{2}-\d{2}$/)
  birthDate!: string | null;

  @ApiProperty({ type: [String], maxItems: 10 })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(/^[+\d][\d\s().-]{5,24}$/, { each: true })
  phones!: string[];

  @ApiProperty({ type: String, nullable: true, maxLength: 254 })
  @ValidateIf((_o, v) => v !== null)
  @IsEmail()
  @MaxLength(254)
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 500 })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(500)
  address!: string | null;

  @ApiProperty({ enum: ['unverified', 'partial', 'verified'] })
  @IsIn(['unverified', 'partial', 'verified'])
  verification!: IdentityVerification;

  @ApiProperty({ type: [IdentityDocumentDto], maxItems: 10 })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => IdentityDocumentDto)
  documents!: IdentityDocumentDto[];
}

export class SafeContactDto {
  @ApiProperty({ enum: CONTACT_CHANNELS, nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 120, example: 'après 14 h en semaine' })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(120)
  hours!: string | null;

  @ApiProperty()
  @IsBoolean()
  neverCall!: boolean;

  @ApiProperty({ type: String, nullable: true, maxLength: 60 })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(60)
  codeWord!: string | null;

  @ApiProperty()
  @IsBoolean()
  lettersAllowed!: boolean;
}

export class AttributesDto {
  @ApiProperty({ type: Number, nullable: true, minimum: 1900, maximum: 2100 })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear!: number | null;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender!: Gender;

  @ApiProperty({ enum: NATIONALITY_GROUPS })
  @IsIn(NATIONALITY_GROUPS)
  nationalityGroup!: NationalityGroup;

  @ApiProperty({ type: [String], description: 'ISO 639 codes', maxItems: 10 })
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z]{2,3}$/, { each: true })
  languages!: string[];

  @ApiProperty({ type: String, nullable: true, example: '75' })
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/)
  departement!: string | null;
}

export class CreatePersonDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the site of your team' })
  @IsOptional()
  @IsUUID('4')
  siteId?: string;

  @ApiPropertyOptional({ enum: PERSON_STATUSES })
  @IsOptional()
  @IsIn(PERSON_STATUSES)
  status?: PersonStatus;

  @ApiProperty({ type: IdentityDto })
  @IsObject()
  @ValidateNested()
  @Type(() => IdentityDto)
  identity!: IdentityDto;

  @ApiProperty({ type: SafeContactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SafeContactDto)
  safeContact!: SafeContactDto;

  @ApiProperty({ type: AttributesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AttributesDto)
  attributes!: AttributesDto;

  @ApiPropertyOptional({ description: 'Create even though a file with the same name and birth year exists' })
  @IsOptional()
  @IsBoolean()
  acknowledgeDuplicates?: boolean;
}

export class UpdatePersonDto {
  @ApiProperty({ description: 'The version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: PERSON_STATUSES })
  @IsOptional()
  @IsIn(PERSON_STATUSES)
  status?: PersonStatus;

  @ApiPropertyOptional({ type: IdentityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => IdentityDto)
  identity?: IdentityDto;

  @ApiPropertyOptional({ type: SafeContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SafeContactDto)
  safeContact?: SafeContactDto;

  @ApiPropertyOptional({ type: AttributesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttributesDto)
  attributes?: AttributesDto;
}

export class CaseloadQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PERSON_STATUSES })
  @IsOptional()
  @IsIn(PERSON_STATUSES)
  status?: PersonStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  referentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  teamId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  siteId?: string;

  @ApiPropertyOptional({ description: 'Only the files I am referent of' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  mine?: boolean;
}

export class SearchDto {
  @ApiProperty({ description: 'A file number, name tokens or a phone number (never in a URL)', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  query!: string;
}

export class ReferentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  referentId!: string;
}

export class BulkReferentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  referentId!: string;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: 200 })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('4', { each: true })
  personIds!: string[];
}

export class BreakGlassDto {
  @ApiProperty({ minLength: 10, maxLength: 1000, description: 'Why you need to open this file' })
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  reason!: string;
}

export class ConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @ApiProperty({ description: 'Given (true) or withdrawn (false)' })
  @IsBoolean()
  given!: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'The partner named by a share_partner consent' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}
