import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { UnitKind } from './org.types';

/** A petition office, handling room, department or agent station of one region. Its code is the engine's candidate group. */
@Entity('unit')
export class Unit {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: UnitKind;

  @Index('IDX_unit_region')
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;
}
