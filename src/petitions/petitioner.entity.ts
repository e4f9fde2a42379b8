import { Column, Entity, Index, ManyToOne, JoinColumn, PrimaryColumn } from 'typeorm';
import { Petition } from './petition.entity';

/**
 * A petitioner, or one representative of a collective petition. ID number, phone, address and e-mail are
 * stored encrypted (AES-256-GCM) and matched through keyed hashes.
 */
@Entity('petitioner')
export class Petitioner {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_petitioner_petition')
  @Column({ type: 'varchar', length: 36 })
  petitionId!: string;

  @ManyToOne(() => Petition, (petition) => petition.petitioners, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'petitionId', foreignKeyConstraintName: 'FK_petitioner_petition' })
  petition?: Petition;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  /**
   * Blind index of the full name (PersonalDataCipher.nameHash): a name search compares hashes, so it
   * reads no names and keeps working once names are sealed like ID numbers. Null until the boot
   * backfill reaches a row written before the column existed.
   */
  @Index('IDX_petitioner_name_hash')
  @Column({ type: 'varchar', length: 64, nullable: true })
  nameHash!: string | null;

  @Column({ type: 'text' })
  idNumberCipher!: string;

  @Index('IDX_petitioner_id_number_hash')
  @Column({ type: 'varchar', length: 64 })
  idNumberHash!: string;

  @Column({ type: 'text', nullable: true })
  phoneCipher!: string | null;

  @Index('IDX_petitioner_phone_hash')
  @Column({ type: 'varchar', length: 64, nullable: true })
  phoneHash!: string | null;

  @Column({ type: 'text', nullable: true })
  addressCipher!: string | null;

  @Column({ type: 'text', nullable: true })
  emailCipher!: string | null;

  /** How they want written notices: sms, email or letter (null: whatever their contact data allows). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  contactPreference!: ContactPreference | null;
}

export const CONTACT_PREFERENCES = ['sms', 'email', 'letter'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];
