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

  /** A handling room's center, a member body's township mediation office. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  parentUnitCode!: string | null;

  /** A closed or merged unit stays for history; its open work went to `successorCode`. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  successorCode!: string | null;

  /** The body that reviews this unit's opinions (复查), when not the one above it in the tree. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reviewingUnitCode!: string | null;
}
