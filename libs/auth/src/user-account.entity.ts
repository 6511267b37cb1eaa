import { VersionedRecord } from '@app/platform';
import { Column, Entity, Index } from 'typeorm';

export enum AccountStatus {
  Active = 'active',
  Disabled = 'disabled',
}

/**
 * A person who signs in. Exempt from row-level security (authentication comes before tenancy);
 * admin screens always filter by association in the repository.
 */
@Entity({ name: 'user_account' })
@Index('uq_user_account_email', ['emailNormalised'], { unique: true })
export class UserAccount extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid', nullable: true })
  associationId!: string | null;

  @Column({ name: 'email', type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'email_normalised', type: 'varchar', length: 254 })
  emailNormalised!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ name: 'status', type: 'varchar', length: 16, default: AccountStatus.Active })
  status!: AccountStatus;

  /** argon2id PHC string; null until the first reset link is used. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'mfa_enabled', type: 'boolean', default: false })
  mfaEnabled!: boolean;

  /** Set by the access lib from roles (coordinator, admin, DPO by default): enrol at next login. */
  @Column({ name: 'mfa_required', type: 'boolean', default: false })
  mfaRequired!: boolean;

  /** TOTP seed, AES-256-GCM sealed under the key-encryption key, bound to this row. */
  @Column({ name: 'totp_secret', type: 'bytea', nullable: true })
  totpSecret!: Buffer | null;

  /** A seed being enrolled, until its first code is confirmed. */
  @Column({ name: 'totp_pending_secret', type: 'bytea', nullable: true })
  totpPendingSecret!: Buffer | null;

  /** Last accepted TOTP time step: each step is accepted once (ASVS 6.5.1). */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;
}
