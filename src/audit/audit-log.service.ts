import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clocks/clock';
import { Transactions } from '../database/transactions';
import { AuditOutcome, AuditVerification, canonicalJson, ChainedFields, entryHash } from './audit-chain';
import { AuditEntry, AuditHead } from './audit-entry.entity';
import { verifyAuditTrail } from './audit-verifier';
import { toWellFormedText } from '../common/text';
import { currentRequest } from '../common/request-context';

export type { AuditOutcome, AuditVerification } from './audit-chain';

export interface AuditEntryInput {
  /** Dotted verb, e.g. 'auth.login', 'petition.create', 'task.complete', 'access.denied', 'process.deploy'. */
  action: string;
  outcome: AuditOutcome;
  /** Username; null = anonymous; 'system' for the application itself. */
  actor: string | null;
  unitCode?: string | null;
  ip?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  /** Never personal data: that is the caller's responsibility. */
  detail?: Record<string, unknown> | null;
}

// Column lengths of audit_log. A longer value is cut before hashing, so that what is hashed is what
// every database stores (MySQL would refuse it, SQLite would keep it whole) and no entry is lost.
const LIMITS = { actor: 64, unitCode: 64, ip: 45, action: 64, outcome: 16, resourceType: 32, resourceId: 128 };

/**
 * What the column will hold, so that what is hashed is exactly what is stored: cut to the column's
 * length, and any unpaired surrogate replaced by U+FFFD as the UTF-8 encoder would on the way in
 * (hashing `\ud800` and storing U+FFFD broke the chain for anyone who typed one into sign-in).
 */
function clip(value: string | null | undefined, length: number): string | null {
  if (value === undefined || value === null) return null;
  const characters = Array.from(toWellFormedText(value));
  return characters.length <= length ? characters.join('') : characters.slice(0, length).join('');
}

/**
 * The tamper-evident audit log: who did what, when, from where, with what outcome. Every entry is
 * chained to the one before by its SHA-256 hash. Entries are never changed or deleted (the database
 * refuses it), so the log is kept as long as the database is, well beyond the required 6 months.
 */
@Injectable()
export class AuditLog {
  private readonly sqlite: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {
    this.sqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * Appends one entry in its own transaction. Do not call it from inside Transactions.write: on
   * SQLite writes take turns, so it would wait for the transaction that waits for it.
   */
  async record(entry: AuditEntryInput): Promise<void> {
    const fields = this.fieldsOf(entry);
    await this.transactions.write((manager) => this.append(manager, fields));
  }

  /**
   * Appends the entry of the HTTP request under way (its route's @Audit) inside the transaction that
   * makes its change, so the two commit or roll back together: a crash between them can no longer
   * leave a change without its entry. The audit trail then writes no second one. Outside a request,
   * or on a route without @Audit, it does nothing. Call it last in the transaction, so the log's
   * head row is locked only for the commit.
   */
  async recordRequest(manager: EntityManager, about: { resourceId?: string; detail?: Record<string, unknown> } = {}): Promise<void> {
    const request = currentRequest();
    if (!request?.route) return;
    const { action, resourceType, resourceId, method, path } = request.route;
    await this.append(
      manager,
      this.fieldsOf({
        ...request.caller(),
        action,
        outcome: 'success',
        resourceType,
        resourceId: about.resourceId ?? resourceId,
        detail: { method, path, ...about.detail },
      }),
    );
    request.audited = true;
  }

  /**
   * Appends an entry inside the caller's transaction, outside any HTTP request (a command-line tool
   * such as the first administrators' set-up), so that the change and its entry commit together.
   */
  async recordIn(manager: EntityManager, entry: AuditEntryInput): Promise<void> {
    await this.append(manager, this.fieldsOf(entry));
  }

  private fieldsOf(entry: AuditEntryInput): Omit<ChainedFields, 'seq' | 'at'> {
    return {
      actor: clip(entry.actor, LIMITS.actor),
      unitCode: clip(entry.unitCode, LIMITS.unitCode),
      ip: clip(entry.ip, LIMITS.ip),
      action: clip(entry.action, LIMITS.action) ?? '',
      outcome: clip(entry.outcome, LIMITS.outcome) ?? '',
      resourceType: clip(entry.resourceType, LIMITS.resourceType),
      resourceId: clip(entry.resourceId, LIMITS.resourceId),
      // JSON.stringify writes a lone surrogate as the escape \ud800, plain ASCII: stored as hashed.
      detail: entry.detail == null ? null : canonicalJson(entry.detail),
    };
  }

  private async append(manager: EntityManager, fields: Omit<ChainedFields, 'seq' | 'at'>): Promise<void> {
    const head = await this.lockHead(manager);
    // Taken under the lock, so entries are in time order too. A Date carries whole milliseconds and
    // datetime(3) keeps them: the instant read back is the instant hashed.
    const at = new Date(this.clock.now().getTime());
    const chained: ChainedFields = { seq: head.lastSeq + 1, at, ...fields };
    const hash = entryHash(head.lastHash, chained);
    // Both sent at once: the head row is locked until the commit, and each round trip of a busy
    // process's event loop in between made every other registration wait longer for it.
    await Promise.all([
      manager.insert(AuditEntry, { ...chained, prevHash: head.lastHash, hash }),
      manager.update(AuditHead, { id: 1 }, { lastSeq: chained.seq, lastHash: hash }),
    ]);
  }

  /** Re-checks the whole chain; see ChainWalker for what each break means. */
  verify(): Promise<AuditVerification> {
    return verifyAuditTrail(this.dataSource);
  }

  /** The head row, locked until the transaction ends: appends from every process take turns on it. */
  private async lockHead(manager: EntityManager): Promise<AuditHead> {
    if (this.sqlite) {
      // TypeORM has no row locks on SQLite. A write as the first statement takes the database's write
      // lock at once (waiting out another process's append), where a read first would fail with
      // SQLITE_BUSY when it later tried to write.
      await manager.query('UPDATE audit_head SET lastSeq = lastSeq WHERE id = 1');
      return manager.findOneByOrFail(AuditHead, { id: 1 });
    }
    return manager.findOneOrFail(AuditHead, { where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
  }
}

