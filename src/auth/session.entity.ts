import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-in session. The access token only names it, so signing out, an idle timeout, a locked or
 * deactivated account and a changed password end it at once, and the caller's unit and roles are
 * read afresh on every request rather than trusted from a token issued hours ago.
 */
@Entity('auth_session')
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_session_user')
  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  lastSeenAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  endedAt!: Date | null;

  /** signed-out, password-changed, revoked… */
  @Column({ type: 'varchar', length: 32, nullable: true })
  endReason!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;
}
