import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AfterReplyChannel, RatingValue } from '../petitions/petition.types';

/**
 * 满意度评价: the petitioner's rating of one reply, the handling unit and the petition office rated
 * separately. One row per reply (the unique index refuses a second); a window that ends unrated leaves
 * a row with no values (未评价), so that assessment counts it as not rated, never as a default.
 */
@Entity('petition_rating')
@Index('UQ_petition_rating_reply', ['petitionId', 'replyRound'], { unique: true })
export class PetitionRating {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'int' })
  replyRound!: number;

  /** The unit that gave the reply: the one the handling-unit rating is about. */
  @Column({ type: 'varchar', length: 64 })
  handlingUnitCode!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  handlingUnit!: RatingValue | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  petitionOffice!: RatingValue | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** Null when the window ended unrated. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  channel!: AfterReplyChannel | null;

  /** The registrar who took a rating down, or `public`. */
  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  recordedAt!: Date;
}
