import { createHash } from 'node:crypto';

/**
 * The hash chain behind the audit log, as pure functions: the service and `npm run audit:verify`
 * share them, and anyone holding a copy of the table can re-check it with nothing but SHA-256.
 *
 * hash(n) = sha256_hex(prevHash + canonicalJson(fields of entry n)), prevHash(1) = 64 zeros.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditOutcome = 'success' | 'failure' | 'denied';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

/** What one entry's hash covers: every column but the two hashes. */
export interface ChainedFields {
  seq: number;
  at: Date;
  actor: string | null;
  unitCode: string | null;
  ip: string | null;
  action: string;
  outcome: string;
  resourceType: string | null;
  resourceId: string | null;
  /** Canonical JSON text exactly as stored, so that any edit of the column shows. */
  detail: string | null;
}

export interface ChainedEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

/** The one-row head: what the log held after the last append. */
export interface ChainHead {
  lastSeq: number;
  lastHash: string;
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBreak: ChainBreak | null;
  /** Every break found, in seq order (at most MAX_REPORTED_BREAKS): one break must not hide another. */
  breaks: ChainBreak[];
  breakCount: number;
}

export const MAX_REPORTED_BREAKS = 100;

/** JSON with object keys sorted at every depth: one text per value, whatever order keys were added in. */
export function canonicalJson(value: unknown): string {
  // JSON.stringify has already applied toJSON (dates become ISO strings) when the replacer sees a value.
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

export function entryHash(prevHash: string, fields: ChainedFields): string {
  const body = canonicalJson({
    seq: fields.seq,
    at: fields.at.toISOString(),
    actor: fields.actor,
    unitCode: fields.unitCode,
    ip: fields.ip,
    action: fields.action,
    outcome: fields.outcome,
    resourceType: fields.resourceType,
    resourceId: fields.resourceId,
    detail: fields.detail,
  });
  return createHash('sha256').update(prevHash + body).digest('hex');
}

export const BREAK_REASONS = {
  hashMismatch: 'hash mismatch: the row was changed after it was written',
  prevHashMismatch: "prevHash does not match the previous row's hash: the chain was re-linked here",
  seqGap: 'gap in seq: the row with this seq is missing (deleted)',
  seqOrder: 'seq out of order: rows were reordered or duplicated',
  headMismatch: 'head does not match the last row: rows were deleted from the end (or the head was changed)',
} as const;

/**
 * Checks entries one at a time, in seq order, so a caller can feed it batch by batch without holding
 * the whole log. It reads on past a break: each row is judged by its own hash and by its link to the
 * row stored before it, so a row broken early (even by accident) cannot hide tampering further on.
 */
export class ChainWalker {
  private expectedSeq = 1;
  private lastHash = GENESIS_HASH;
  private readonly found: ChainBreak[] = [];
  private count = 0;
  checked = 0;

  feed(entry: ChainedEntry): void {
    this.checked++;
    if (entry.seq < this.expectedSeq) {
      // A duplicate or a row moved back: judged where it belongs, not here.
      this.report(entry.seq, BREAK_REASONS.seqOrder);
      return;
    }
    const afterGap = entry.seq > this.expectedSeq;
    if (afterGap) this.report(this.expectedSeq, BREAK_REASONS.seqGap);
    // The row's own hash first: an edited row is reported as edited, not as a broken link after it.
    if (entryHash(entry.prevHash, entry) !== entry.hash) this.report(entry.seq, BREAK_REASONS.hashMismatch);
    // After deleted rows the link cannot hold; that is the deletion, already reported.
    else if (!afterGap && entry.prevHash !== this.lastHash) this.report(entry.seq, BREAK_REASONS.prevHashMismatch);
    this.expectedSeq = entry.seq + 1;
    this.lastHash = entry.hash;
  }

  /** The rows alone cannot show a deleted tail: the head, written with every append, can. */
  finish(head: ChainHead): AuditVerification {
    const lastSeq = this.expectedSeq - 1;
    if (head.lastSeq !== lastSeq || head.lastHash !== this.lastHash) {
      // The first seq the head and the rows disagree on.
      const seq = head.lastSeq === lastSeq ? lastSeq : Math.min(head.lastSeq, lastSeq) + 1;
      this.report(seq, BREAK_REASONS.headMismatch);
    }
    return {
      ok: this.count === 0,
      checked: this.checked,
      firstBreak: this.found[0] ?? null,
      breaks: [...this.found],
      breakCount: this.count,
    };
  }

  private report(seq: number, reason: string): void {
    this.count++;
    if (this.found.length < MAX_REPORTED_BREAKS) this.found.push({ seq, reason });
  }
}

/** The whole check over entries already in memory, in the order they are stored (by seq). */
export function verifyChain(entries: Iterable<ChainedEntry>, head: ChainHead): AuditVerification {
  const walker = new ChainWalker();
  for (const entry of entries) walker.feed(entry);
  return walker.finish(head);
}
