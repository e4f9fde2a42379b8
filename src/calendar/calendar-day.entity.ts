import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An administrator's word on one day, over the published schedule: a holiday, or a make-up working day. */
@Entity('calendar_day')
export class CalendarDay {
  /** YYYY-MM-DD, China date. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'boolean' })
  workday!: boolean;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  updatedBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
