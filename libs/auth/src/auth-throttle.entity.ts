import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed-attempt counters, in PostgreSQL so that no login depends on Redis. Keys are keyed hashes
 * (account email, client address, user's second step), never the email or address itself.
 */
@Entity({ name: 'auth_throttle' })
export class AuthThrottle {
  @PrimaryColumn({ name: 'key', type: 'varchar', length: 80 })
  key!: string;

  @Column({ name: 'failures', type: 'integer', default: 0 })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz', nullable: true })
  windowStartedAt!: Date | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
