import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsInt, Matches, Max, Min } from 'class-validator';

export class ReminderVersionDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class SnoozeDto extends ReminderVersionDto {
  @ApiProperty({ format: 'date', example: '2026-12-15', description: 'A later calendar day' })
  @IsDateString({ strict: true })
  @Matches(/^20\d{2}-\d{2}-\d{2}$/)
  until!: string;
}
