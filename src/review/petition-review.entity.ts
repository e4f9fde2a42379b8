import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AfterReplyChannel, ReviewOutcome, ReviewStage } from '../petitions/petition.types';

/**
 * One review (复查, Art. 35) or re-review (复核, Art. 36) of a petition: the request with its reasons,
 * the body that reviews it and by when, and its written opinion. One per stage and reply (the unique
 * index refuses a second request). The request is written before the engine is told; `openedAt` is
 * set when the review process took it up, so a request the engine never received can be sent again.
 */
@Entity('petition_review')
@Index('UQ_petition_review_stage', ['petitionId', 'replyRound', 'stage'], { unique: true })
export class PetitionReview {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'int' })
  replyRound!: number;

  @Column({ type: 'varchar', length: 16 })
  stage!: ReviewStage;

  @Column({ type: 'text' })
  reasons!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: AfterReplyChannel;

  /** The registrar who took the request down, or `public`. */
  @Column({ type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  requestedAt!: Date;

  /** The unit whose opinion is reviewed: the one that replied, or the reviewing body of the stage before. */
  @Column({ type: 'varchar', length: 64 })
  reviewedUnitCode!: string;

  /** The body one level above it (OrgService.reviewingBodyFor), set when the review is opened. */
  @Index('IDX_petition_review_unit')
  @Column({ type: 'varchar', length: 64, nullable: true })
  reviewingUnitCode!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  openedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: ReviewOutcome | null;

  /** The written opinion, shown to the petitioner. */
  @Column({ type: 'text', nullable: true })
  opinion!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;
}
