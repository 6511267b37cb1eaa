import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'worker1@demo.envol.test', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class MfaCodeDto {
  @ApiProperty({ description: 'A 6-digit TOTP code or a recovery code', example: '123456', maxLength: 32 })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  code!: string;
}

export class PasswordChangeDto {
  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ minLength: 12, maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class PasswordResetDto {
  @ApiProperty({ description: 'The token of the reset link (after #token=)', maxLength: 128 })
  @IsString()
  @MaxLength(128)
  token!: string;

  @ApiProperty({ minLength: 12, maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class LoginResponseDto {
  @ApiProperty({ enum: ['mfa', 'enrol', 'done'] })
  next!: 'mfa' | 'enrol' | 'done';
}

export class EnrolmentResponseDto {
  @ApiProperty()
  otpauthUrl!: string;

  @ApiProperty()
  secret!: string;
}

export class EnrolmentConfirmResponseDto {
  @ApiProperty({ type: [String] })
  recoveryCodes!: string[];

  @ApiProperty({ enum: ['done'] })
  next!: 'done';
}

export class MeDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ nullable: true, type: String }) associationId!: string | null;
  @ApiProperty() mfaEnabled!: boolean;
  @ApiProperty() mfaRequired!: boolean;
  @ApiProperty() csrfToken!: string;
  @ApiProperty({ enum: ['mfa', 'enrol', 'done'] }) stage!: 'mfa' | 'enrol' | 'done';
}
