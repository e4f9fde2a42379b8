import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The public, redacted result of a petition. Only what is copied here (and the whitelisted
 * timeline labels) is ever shown without sign-in.
 */
@Entity('publication')
// The public board's results, newest first (public-board/).
@Index('IDX_publication_published', ['publishedAt'])
export class Publication {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 16 })
  result!: string;

  @Column({ type: 'varchar', length: 128 })
  unitName!: string;

  /** Redacted subject; null for accusations, whose content is never published. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  summary!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  publishedAt!: Date;
}
