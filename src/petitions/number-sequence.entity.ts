import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('number_sequence')
export class NumberSequence {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  scope!: string;

  @Column({ type: 'int' })
  value!: number;
}
