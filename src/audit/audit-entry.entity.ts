import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// "nchar" is the one spelling of a fixed-length text column that both drivers accept; MySQL and
// MariaDB store it as char(64).
const HASH_COLUMN = { type: 'nchar', length: 64 } as const;

/**
 * What an entry says: the columns audit_log and audit_inbox share (TypeORM gives each table its own
 * copy of the inherited columns).
 */
export abstract class AuditFields {
  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  /** Username; null for an anonymous caller, "system" for the application itself. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actor!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unitCode!: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  /** Dotted verb: auth.login, petition.create, process.deploy… */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  resourceType!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  resourceId!: string | null;

  /** Canonical JSON text: hashed as stored, so it is kept as text rather than re-serialized. */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}

/**
 * One entry of the tamper-evident audit log, chained by AuditLog from audit_inbox, never changed or deleted:
 * the database refuses UPDATE and DELETE on the table (triggers from the migration), and the hash
 * chain shows it if someone disables them. Entries are kept for good; there is no purge path.
 */
@Entity('audit_log')
@Index('IDX_audit_log_at', ['at'])
@Index('IDX_audit_log_actor', ['actor'])
@Index('IDX_audit_log_action', ['action'])
@Index('IDX_audit_log_resource', ['resourceId'])
export class AuditEntry extends AuditFields {
  /** 1, 2, 3… assigned under the head row's lock, never by the database. */
  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column(HASH_COLUMN)
  prevHash!: string;

  @Column(HASH_COLUMN)
  hash!: string;
}

/**
 * The single row (id 1) every append locks and moves on: it serializes appends across processes
 * and remembers the last entry, so that deleting entries from the end of the log shows too.
 */
@Entity('audit_head')
export class AuditHead {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  lastSeq!: number;

  @Column(HASH_COLUMN)
  lastHash!: string;
}

/**
 * An entry written with the change it records, not yet chained. Writing it takes no lock, so the
 * change's transaction never waits on the chain; AuditLog chains these into audit_log, oldest
 * first, in batches under the head row's lock, moments after their commit (or, after a crash, on
 * the next start). The database refuses UPDATE of a row; the chaining deletes what it has chained.
 */
@Entity('audit_inbox')
@Index('IDX_audit_inbox_at', ['at'])
export class AuditInboxEntry extends AuditFields {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;
}
