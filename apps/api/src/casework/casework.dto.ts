import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACCOMPANIMENT_PLACES,
  APPOINTMENT_COUNTERPARTS,
  APPOINTMENT_STATUSES,
  ATTENDEES,
  CONFIDENTIALITY_LEVELS,
  JOURNAL_EVENT_TYPES,
  type AccompanimentPlace,
  type AppointmentCounterpart,
  type AppointmentStatus,
  type Attendee,
  type Confidentiality,
  type JournalEventType,
} from '@app/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../access/access.dto';

/** An ISO 8601 instant with its offset (`2026-05-04T09:30:00+02:00`), read as a Date. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const toInstant = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date;
};
const booleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

const NOTE_MAX = 20_000;

export class JournalQuery extends PageQuery {
  @ApiPropertyOptional({ enum: JOURNAL_EVENT_TYPES })
  @IsOptional()
  @IsIn(JOURNAL_EVENT_TYPES)
  type?: JournalEventType;
}

export class CreateJournalEventDto {
  @ApiProperty({ enum: JOURNAL_EVENT_TYPES })
  @IsIn(JOURNAL_EVENT_TYPES)
  type!: JournalEventType;

  @ApiPropertyOptional({ enum: ACCOMPANIMENT_PLACES, nullable: true, description: 'For an accompaniment' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(ACCOMPANIMENT_PLACES)
  accompanimentPlace?: AccompanimentPlace | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Default: now; never in the future' })
  @IsOptional()
  @Transform(toInstant)
  @IsDate()
  occurredAt?: Date;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 1440 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(1440)
  durationMinutes?: number | null;

  @ApiPropertyOptional({ enum: ATTENDEES, isArray: true, description: 'Default: the person' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ATTENDEES.length)
  @IsIn(ATTENDEES, { each: true })
  attendees?: Attendee[];

  @ApiProperty({ minLength: 1, maxLength: NOTE_MAX, description: 'Encrypted at rest' })
  @IsString()
  @MinLength(1)
  @MaxLength(NOTE_MAX)
  text!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A pathway goal' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  goalId?: string | null;

  @ApiPropertyOptional({ enum: CONFIDENTIALITY_LEVELS, default: 'team' })
  @IsOptional()
  @IsIn(CONFIDENTIALITY_LEVELS)
  confidentiality?: Confidentiality;
}

export class UpdateJournalEventDto {
  @ApiProperty({ description: 'The version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: JOURNAL_EVENT_TYPES })
  @IsOptional()
  @IsIn(JOURNAL_EVENT_TYPES)
  type?: JournalEventType;

  @ApiPropertyOptional({ enum: ACCOMPANIMENT_PLACES, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(ACCOMPANIMENT_PLACES)
  accompanimentPlace?: AccompanimentPlace | null;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Transform(toInstant)
  @IsDate()
  occurredAt?: Date;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 1440 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(1440)
  durationMinutes?: number | null;

  @ApiPropertyOptional({ enum: ATTENDEES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ATTENDEES.length)
  @IsIn(ATTENDEES, { each: true })
  attendees?: Attendee[];

  @ApiPropertyOptional({ minLength: 1, maxLength: NOTE_MAX })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(NOTE_MAX)
  text?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  goalId?: string | null;

  @ApiPropertyOptional({ enum: CONFIDENTIALITY_LEVELS })
  @IsOptional()
  @IsIn(CONFIDENTIALITY_LEVELS)
  confidentiality?: Confidentiality;
}

export class AppointmentsQuery {
  @ApiPropertyOptional({ description: 'Past appointments too, newest first' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  past?: boolean;
}

export class CreateAppointmentDto {
  @ApiProperty({ type: String, format: 'date-time' })
  @Transform(toInstant)
  @IsDate()
  startsAt!: Date;

  @ApiProperty({ minimum: 5, maximum: 720 })
  @IsInt()
  @Min(5)
  @Max(720)
  durationMinutes!: number;

  @ApiProperty({ enum: APPOINTMENT_COUNTERPARTS, description: 'The person, or whom the worker sees on their behalf' })
  @IsIn(APPOINTMENT_COUNTERPARTS)
  counterpart!: AppointmentCounterpart;

  @ApiPropertyOptional({ description: 'The person attends (always when the counterpart is the person)' })
  @IsOptional()
  @IsBoolean()
  personAttends?: boolean;

  @ApiProperty({ maxLength: 300, description: 'Encrypted at rest' })
  @IsString()
  @MaxLength(300)
  place!: string;

  @ApiProperty({ maxLength: 1000, description: 'Encrypted at rest' })
  @IsString()
  @MaxLength(1000)
  purpose!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The worker who accompanies' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  accompaniedById?: string | null;
}

export class UpdateAppointmentDto {
  @ApiProperty({ description: 'The version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Transform(toInstant)
  @IsDate()
  startsAt?: Date;

  @ApiPropertyOptional({ minimum: 5, maximum: 720 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(720)
  durationMinutes?: number;

  @ApiPropertyOptional({ enum: APPOINTMENT_COUNTERPARTS })
  @IsOptional()
  @IsIn(APPOINTMENT_COUNTERPARTS)
  counterpart?: AppointmentCounterpart;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  personAttends?: boolean;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  purpose?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  accompaniedById?: string | null;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES })
  @IsOptional()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;
}

export class AgendaQuery {
  @ApiProperty({ type: String, format: 'date-time', description: 'Start of the window (inclusive)' })
  @Transform(toInstant)
  @IsDate()
  from!: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'End of the window (exclusive), at most 62 days on' })
  @Transform(toInstant)
  @IsDate()
  to!: Date;
}
