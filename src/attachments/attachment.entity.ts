import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** When in the case's life a file was added: handed in at the desk, gathered in investigation, annexed to the reply. */
export const ATTACHMENT_STAGES = ['materials', 'evidence', 'reply', 'other'] as const;
export type AttachmentStage = (typeof ATTACHMENT_STAGES)[number];

/**
 * 附件: one file of a petition's record. The bytes live in the attachment store under `storageKey`
 * (content addressed); this row says whose it is, what it is and who added it. Rows are written after
 * their object, so a row never points at nothing.
 */
@Entity('attachment')
@Index('IDX_attachment_petition', ['petitionId', 'uploadedAt'])
export class Attachment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @Column({ type: 'varchar', length: 16 })
  stage!: AttachmentStage;

  /** The engine task it was added for (evidence for a handling task, an annex to a reply). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  taskId!: string | null;

  /** Sanitised display name (file-name.ts); never used as a path. */
  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  /** Detected from the bytes (content-type.ts), not taken from the client. */
  @Column({ type: 'varchar', length: 128 })
  mediaType!: string;

  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 255 })
  storageKey!: string;

  @Column({ type: 'varchar', length: 64 })
  uploadedBy!: string;

  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'datetime', precision: 3 })
  uploadedAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}
