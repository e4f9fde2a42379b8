import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Level } from '../org/org.types';

/** A leader direct report (领导直报) of a collective or major petition to one leadership unit. */
@Entity('direct_report')
@Index('UQ_direct_report', ['petitionId', 'toUnitCode'], { unique: true })
export class DirectReport {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 64 })
  toUnitCode!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: Level;

  @Column({ type: 'datetime', precision: 3 })
  reportedAt!: Date;
}
