import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** opening: written, the engine not yet known to have started the approval (see ExtensionService). */
export type ExtensionStatus = 'opening' | 'pending' | 'approved' | 'refused';

/** A handler's request to extend the handling period (Art. 34), and the unit head's answer. */
@Entity('extension_request')
export class ExtensionRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_extension_petition')
  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'int' })
  days!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  status!: ExtensionStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;
}
