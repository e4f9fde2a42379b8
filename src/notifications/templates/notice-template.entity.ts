import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NoticeKind } from '../../camunda/process-contract';

/**
 * A version of a notice's wording, as a system administrator wrote it. Versions are only added, never
 * changed: a notice records the version it was written with, and keeps its words.
 */
@Entity('notice_template')
@Index('UQ_notice_template_version', ['kind', 'version'], { unique: true })
export class NoticeTemplate {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: NoticeKind;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
