import {
  Column,
  Entity,
  Index,
  OneToMany,
  PrimaryColumn,
} from 'typeorm';
import type { Level } from '../org/org.types';
import type { Category, Channel, ConclusionGround, PetitionStatus, ReplyOutcome, ServiceMethod } from './petition.types';
import type { DecisionValue } from '../camunda/process-contract';
import { Petitioner } from './petitioner.entity';

@Entity('petition')
// The public board's list of accepted matters, newest acceptance first (public-board/): for a large
// region by acceptance time, for a small one by region, for one unit by unit. Region and category
// are in each index so that the board filters and counts from the index alone.
@Index('IDX_petition_board_accepted', ['decision', 'decidedAt', 'regionCode', 'category'])
@Index('IDX_petition_board_region', ['regionCode', 'decision', 'decidedAt', 'category'])
@Index('IDX_petition_board_unit', ['competentUnitCode', 'decision', 'decidedAt', 'regionCode', 'category'])
// The annual report counts a region's year by the day each petition came in (annual-report/).
@Index('IDX_petition_received', ['receivedAt', 'regionCode'])
// Case search (case-file/): the petitions newest first (the id breaking ties), read in order until a
// page of a common word's matches is found, whatever the caller's scope.
@Index('IDX_petition_received_id', ['receivedAt', 'id'])
// The intake's pacing counts the pipeline (status received/registered, received lately).
@Index('IDX_petition_status_received', ['status', 'receivedAt'])
// A supervisor's keyword search: what their unit or they hold outside their counties (migration 1766100000000).
@Index('IDX_petition_receiving_region', ['receivingUnitCode', 'regionCode'])
@Index('IDX_petition_competent_region', ['competentUnitCode', 'regionCode'])
@Index('IDX_petition_registered_region', ['registeredBy', 'regionCode'])
// Keyword search on MariaDB: FULLTEXT over the search tokens, created by migration 1765800000000 on
// MariaDB only (SQLite has no such index), so not synchronized from here.
@Index('IDX_petition_search_tokens', { synchronize: false })
export class Petition {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('UQ_petition_number', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  number!: string;

  /** Keyed hash of the query code; the code itself is shown once, on the receipt. */
  @Column({ type: 'varchar', length: 64 })
  queryCodeHash!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: Channel;

  @Column({ type: 'varchar', length: 16 })
  category!: Category;

  @Column({ type: 'varchar', length: 16 })
  matterScope!: Level;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Column({ type: 'text' })
  content!: string;

  /** The region the matter concerns. */
  @Index('IDX_petition_region')
  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  /** First-handler responsibility: the unit that registered it follows it to the end. */
  @Column({ type: 'varchar', length: 64 })
  receivingUnitCode!: string;

  @Column({ type: 'varchar', length: 64 })
  registeredBy!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  competentUnitCode!: string | null;

  @Column({ type: 'varchar', length: 24 })
  status!: PetitionStatus;

  @Column({ type: 'boolean', default: false })
  collective!: boolean;

  @Column({ type: 'int', default: 1 })
  personCount!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  processInstanceId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  receivedAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  registeredAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  routedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  acceptDueAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  decision!: DecisionValue | 'refuse-concluded' | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  /** The legal handling deadline (Art. 34), or the simplified path's; moved by an approved extension. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  handleDueAt!: Date | null;

  /** The date the unit committed to when accepting (承诺办理), no later than handleDueAt. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  committedAt!: Date | null;

  /** Accepted into the simplified path (简易办理): 10 working days. */
  @Column({ type: 'boolean', default: false })
  simplified!: boolean;

  /** Days an approved extension added to the handling deadline (Art. 34: at most 30, once). */
  @Column({ type: 'int', default: 0 })
  extensionDays!: number;

  @Column({ type: 'text', nullable: true })
  findings!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  replyOutcome!: ReplyOutcome | null;

  @Column({ type: 'text', nullable: true })
  replyText!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  repliedAt!: Date | null;

  /** 送达: when the written reply reached the petitioner; the review and rating windows run from it. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  servedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  serviceMethod!: ServiceMethod | null;

  /** How many replies were given: a revoked reply (撤销, 责令重新办理) is followed by another, rated anew. */
  @Column({ type: 'int', default: 0 })
  replyRound!: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  concludedAt!: Date | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  conclusionGround!: ConclusionGround | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  /** The tier where the petitioner came in (the receiving unit's). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  entryLevel!: Level | null;

  /** Keyed hash of category, region and normalized subject: "the same matter" for repeat detection. */
  @Index('IDX_petition_matter_key')
  @Column({ type: 'varchar', length: 64, nullable: true })
  matterKey!: string | null;

  /** The concluded case this one repeats (it is answered "not accepted again"). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  repeatOfId!: string | null;

  /** A visit above the competent level and the level above it (Art. 20). */
  @Column({ type: 'boolean', default: false })
  levelSkip!: boolean;

  /** Litigation, arbitration or administrative review, when the matter belongs there. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  legalRoute!: string | null;

  /** A superior decided who handles it: the holder cannot return it again. */
  @Column({ type: 'boolean', default: false })
  bound!: boolean;

  @Column({ type: 'int', default: 0 })
  returnCount!: number;

  /** When the current holder received it: the 5-working-day return window starts here. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  holderSince!: Date | null;

  /** Set while the holder works on an assignment that needs a completion report. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  assignedByUnitCode!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  assignDueAt!: Date | null;

  /**
   * Case search tokens of number, subject and content (common/search-tokens.ts), written with the petition.
   * MariaDB indexes them FULLTEXT (migration 1765800000000, MariaDB only, hence not synchronized
   * here); SQLite has no such index and searches the text itself.
   */
  @Column({ type: 'text', nullable: true, select: false })
  searchTokens?: string | null;

  @OneToMany(() => Petitioner, (petitioner) => petitioner.petition)
  petitioners?: Petitioner[];
}
