import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a public representative said about a case, in its handling or at a hearing: on the case for good. */
@Entity('representative_opinion')
@Index('IDX_representative_opinion_petition', ['petitionId'])
export class RepresentativeOpinion {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 36 })
  representativeId!: string;

  /** The hearing it was given at; null when given while taking part in the handling (群众代表参与查办). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  hearingId!: string | null;

  @Column({ type: 'text' })
  opinion!: string;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  recordedAt!: Date;
}
