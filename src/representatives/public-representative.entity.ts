import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 人大代表 / 政协委员 / 群众（社区）代表. */
export const REPRESENTATIVE_KINDS = ['deputy', 'cppcc-member', 'community'] as const;
export type RepresentativeKind = (typeof REPRESENTATIVE_KINDS)[number];

/**
 * 群众代表: a person the region's petition office may invite to a hearing or to take part in handling
 * a case. Not an account. The contact is personal data: encrypted at rest, masked in every answer.
 */
@Entity('public_representative')
@Index('IDX_public_representative_region', ['regionCode'])
export class PublicRepresentative {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: RepresentativeKind;

  /** Where they serve (a people's congress, a committee, a residents' committee). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  organisation!: string | null;

  @Column({ type: 'text' })
  contactCipher!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
