import { Between, DataSource } from 'typeorm';
import { AuditVerification, ChainWalker } from './audit-chain';
import { AuditEntry, AuditHead } from './audit-entry.entity';

/**
 * Walks the stored chain in seq order, a batch at a time, so a log of millions of entries is checked
 * in constant memory. Shared by AuditLog.verify and the `npm run audit:verify` command, which has
 * no Nest context.
 */
export async function verifyAuditTrail(dataSource: DataSource, batchSize = 1000): Promise<AuditVerification> {
  // The head first, and no row past it: entries appended while we walk are not ours to judge, and
  // every row up to the head was committed with (or before) it.
  const head = await dataSource.getRepository(AuditHead).findOneBy({ id: 1 });
  if (!head) {
    const missing = { seq: 0, reason: 'the audit_head row is missing' };
    return { ok: false, checked: 0, firstBreak: missing, breaks: [missing], breakCount: 1 };
  }
  const entries = dataSource.getRepository(AuditEntry);
  const walker = new ChainWalker();
  let after = 0;
  while (after < head.lastSeq) {
    const batch = await entries.find({
      where: { seq: Between(after + 1, head.lastSeq) },
      order: { seq: 'ASC' },
      take: batchSize,
    });
    if (batch.length === 0) break;
    for (const entry of batch) walker.feed(entry);
    after = batch[batch.length - 1].seq;
  }
  return walker.finish(head);
}
