import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventKind } from './petition.types';

/** One entry of a petition's timeline. Written once, never changed. */
@Entity('petition_event')
@Index('IDX_petition_event_timeline', ['petitionId', 'occurredAt'])
export class PetitionEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: EventKind;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unitCode!: string | null;

  /** Username, or "system" for steps done by workers. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  data!: Record<string, unknown> | null;

  /** Makes at-least-once delivery harmless: the second insert of the same key is ignored. */
  @Index('UQ_petition_event_idempotency', { unique: true })
  @Column({ type: 'varchar', length: 160, nullable: true })
  idempotencyKey!: string | null;
}
