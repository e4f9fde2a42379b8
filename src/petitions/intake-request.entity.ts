import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One registration request made with an Idempotency-Key, written in the same transaction as the
 * petition it created: a client whose answer was lost sends the same key again and gets the same
 * answer — the query code included, which is otherwise kept only as a hash — and nothing is added.
 */
@Entity('intake_request')
@Index('UQ_intake_request_key', ['actor', 'idempotencyKey'], { unique: true })
@Index('IDX_intake_request_created', ['createdAt'])
export class IntakeRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Keys are the client's own: one user's key never answers for another's. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'varchar', length: 128 })
  idempotencyKey!: string;

  /** SHA-256 of the canonical request body: the same key with a different request is refused. */
  // "nchar": the one fixed-length spelling both drivers accept (see audit-entry.entity.ts).
  @Column({ type: 'nchar', length: 64 })
  requestHash!: string;

  /** 'created' (201) or 'repeat' (200, recorded on an open case). */
  @Column({ type: 'varchar', length: 16 })
  outcome!: 'created' | 'repeat';

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  /** The query code, encrypted like personal data; cleared once the replay window has passed. */
  @Column({ type: 'text', nullable: true })
  queryCodeCipher!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
