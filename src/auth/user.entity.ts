import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from './roles';

@Entity('app_user')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('UQ_user_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 64 })
  displayName!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Index('IDX_user_unit')
  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'simple-array' })
  roles!: Role[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** Wrong passwords since the last successful sign-in or lock. */
  @Column({ type: 'int', default: 0 })
  failedSignIns!: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  passwordChangedAt!: Date | null;
}
