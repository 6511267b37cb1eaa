import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum AuthEventType {
  LoginSucceeded = 'auth.login.succeeded',
  LoginFailed = 'auth.login.failed',
  LoginThrottled = 'auth.login.throttled',
  MfaSucceeded = 'auth.mfa.succeeded',
  MfaFailed = 'auth.mfa.failed',
  MfaThrottled = 'auth.mfa.throttled',
  RecoveryCodeUsed = 'auth.mfa.recovery_code_used',
  MfaEnrolled = 'auth.mfa.enrolled',
  Logout = 'auth.logout',
  SessionExpired = 'auth.session.expired',
  PasswordChanged = 'auth.password.changed',
  PasswordResetIssued = 'auth.password_reset.issued',
  PasswordResetUsed = 'auth.password_reset.used',
  PasswordResetRefused = 'auth.password_reset.refused',
  AccountCreated = 'auth.account.created',
  CsrfRefused = 'auth.csrf.refused',
}

/**
 * Every authentication event, for the audit trail to consume. No email, no password, no address:
 * the user id when known, and keyed hashes otherwise.
 */
@Entity({ name: 'auth_event' })
@Index('ix_auth_event_occurred_at', ['occurredAt'])
export class AuthEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'type', type: 'varchar', length: 48 })
  type!: AuthEventType;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'association_id', type: 'uuid', nullable: true })
  associationId!: string | null;

  /** Keyed hash of the typed email when no account matched (to see repeated guesses). */
  @Column({ name: 'subject_hash', type: 'varchar', length: 64, nullable: true })
  subjectHash!: string | null;

  @Column({ name: 'client_hash', type: 'varchar', length: 64, nullable: true })
  clientHash!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
