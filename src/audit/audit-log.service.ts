import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../clocks/clock';
import { afterCommit, Transactions } from '../database/transactions';
import { AuditOutcome, AuditVerification, canonicalJson, ChainedEntry, ChainedFields, entryHash } from './audit-chain';
import { AuditEntry, AuditHead, AuditInboxEntry } from './audit-entry.entity';
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
/** Entries chained per transaction, and per insert statement. */
const CHAIN_BATCH = 500;
const INSERT_CHUNK = 100;
/** How often each process looks for entries a process that died left unchained. */
const SWEEP_MS = 5_000;
const RETRY_MS = 250;

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
export class AuditLog implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditLog.name);
  private readonly sqlite: boolean;
  /** The chaining run under way in this process, if any. */
  private chaining: Promise<void> | undefined;
  /** Asked to chain while a run was under way. */
  private again = false;
  /** Chaining runs started and finished in this process (one at a time, so in order). */
  private runs = 0;
  private finished = 0;
  /** Callers of chained() and the run that covers them. */
  private waiters: { run: number; resolve(): void }[] = [];
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {
    this.sqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * Records one entry in a transaction of its own. Do not call it from inside Transactions.write: on
   * SQLite writes take turns, so it would wait for the transaction that waits for it.
   */
  async record(entry: AuditEntryInput): Promise<void> {
    const fields = this.fieldsOf(entry);
    await this.transactions.write((manager) => this.enqueue(manager, fields));
    await this.chained();
  }

  /**
   * Settles once the entries this process committed before the call are on the chain (or the run
   * that was to chain them failed: they wait in the inbox for the next). An API answer that
   * recorded an entry waits for it, so whoever reads the log after the answer finds the entry.
   */
  async chained(): Promise<void> {
    // The run under way covers what was committed before it started; when another is asked for, it
    // is that one. Later runs are not waited for: under steady load there is always one more.
    const covering = this.again ? this.runs + 1 : this.runs;
    if (this.finished >= covering) return;
    await new Promise<void>((resolve) => this.waiters.push({ run: covering, resolve }));
  }

  /**
   * Records the entry of the HTTP request under way (its route's @Audit) inside the transaction that
   * makes its change, so the two commit or roll back together: a crash between them can no longer
   * leave a change without its entry. The audit trail then writes no second one. Outside a request,
   * or on a route without @Audit, it does nothing. The answer waits until it is chained (see
   * AuditTrailInterceptor), which happens after the commit, without holding up the transaction.
   */
  async recordRequest(manager: EntityManager, about: { resourceId?: string; detail?: Record<string, unknown> } = {}): Promise<void> {
    const request = currentRequest();
    if (!request?.route) return;
    const { action, resourceType, resourceId, method, path } = request.route;
    await this.enqueue(
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
   * Records an entry inside the caller's transaction, outside any HTTP request (a command-line tool
   * such as the first administrators' set-up), so that the change and its entry commit together.
   */
  async recordIn(manager: EntityManager, entry: AuditEntryInput): Promise<void> {
    await this.enqueue(manager, this.fieldsOf(entry));
  }

  /**
   * Locks the chain's head row until the caller's transaction ends: for the rare change that must
   * not run twice at the same moment anywhere in the cluster (the first start's administrators).
   */
  async takeTurns(manager: EntityManager): Promise<void> {
    await this.lockHead(manager);
  }

  /**
   * Chains every entry the inbox holds, oldest first, a batch per transaction; answers how many.
   * One run at a time per process; processes take turns on the head row.
   */
  async chainWaiting(): Promise<number> {
    let chained = 0;
    for (;;) {
      const batch = await this.transactions.write((manager) => this.chainBatch(manager));
      chained += batch;
      if (batch < CHAIN_BATCH) return chained;
    }
  }

  onApplicationBootstrap(): void {
    // Entries a process committed and did not live to chain: any process chains them.
    this.sweep = setInterval(() => void this.chainIfWaiting(), SWEEP_MS);
    this.sweep.unref();
    this.chainSoon();
  }

  // Before, not on, shutdown: the database connection closes in onApplicationShutdown.
  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    await this.chained();
    await this.chainWaiting().catch((error: unknown) => this.logger.warn(`Audit entries left to chain at the next start: ${String(error)}`));
  }

  /** The entry goes in unchained (no lock: the change's transaction never waits on the chain). */
  private async enqueue(manager: EntityManager, fields: Omit<ChainedFields, 'seq' | 'at'>): Promise<void> {
    await manager.insert(AuditInboxEntry, { id: randomUUID(), at: new Date(this.clock.now().getTime()), ...fields });
    afterCommit(manager, () => this.chainSoon());
  }

  /** Chains now, or once more after the run under way (which may have started before this entry's commit). */
  private chainSoon(): void {
    if (this.chaining) {
      this.again = true;
      return;
    }
    this.again = false;
    const run = ++this.runs;
    this.chaining = this.chainWaiting()
      .then(() => undefined)
      .catch((error: unknown) => {
        // A busy database (SQLite's lock, a deadlock victim's retries spent): soon again, not at the sweep.
        this.logger.warn(`Audit entries not chained yet, again in ${RETRY_MS} ms: ${String(error)}`);
        setTimeout(() => this.chainSoon(), RETRY_MS).unref();
      })
      .finally(() => {
        this.chaining = undefined;
        this.finished = run;
        for (const waiter of this.waiters.filter((w) => w.run <= run)) waiter.resolve();
        this.waiters = this.waiters.filter((w) => w.run > run);
        if (this.again) this.chainSoon();
      });
  }

  private async chainIfWaiting(): Promise<void> {
    try {
      const [one] = await this.dataSource.getRepository(AuditInboxEntry).find({ select: { id: true }, take: 1 });
      if (one) this.chainSoon();
    } catch (error) {
      this.logger.warn(`Could not look for unchained audit entries: ${String(error)}`);
    }
  }

  /** Under the head row's lock: the oldest waiting entries onto the chain, out of the inbox. */
  private async chainBatch(manager: EntityManager): Promise<number> {
    const head = await this.lockHead(manager);
    const waiting = await manager.find(AuditInboxEntry, { order: { at: 'ASC', id: 'ASC' }, take: CHAIN_BATCH });
    if (waiting.length === 0) return 0;
    let { lastSeq, lastHash } = head;
    const rows: ChainedEntry[] = [];
    for (const entry of waiting) {
      const chained: ChainedFields = {
        seq: lastSeq + 1,
        at: entry.at,
        actor: entry.actor,
        unitCode: entry.unitCode,
        ip: entry.ip,
        action: entry.action,
        outcome: entry.outcome,
        resourceType: entry.resourceType,
        resourceId: entry.resourceId,
        detail: entry.detail,
      };
      const hash = entryHash(lastHash, chained);
      rows.push({ ...chained, prevHash: lastHash, hash });
      lastSeq = chained.seq;
      lastHash = hash;
    }
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await manager.insert(AuditEntry, rows.slice(i, i + INSERT_CHUNK));
    await manager.delete(AuditInboxEntry, { id: In(waiting.map((e) => e.id)) });
    await manager.update(AuditHead, { id: 1 }, { lastSeq, lastHash });
    return waiting.length;
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

