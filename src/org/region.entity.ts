import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Level } from './org.types';

/** An administrative area: GB/T 2260 codes for city and county, 9/12-digit statistical codes below. */
@Entity('region')
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: Level;

  @Index('IDX_region_parent')
  @Column({ type: 'varchar', length: 12, nullable: true })
  parentCode!: string | null;
}
