import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AuditVerification, ChainedFields } from '../audit/audit-chain';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuditLog } from '../audit/audit-log.service';
import { AuditQueryDto } from './dto/audit-query.dto';

/** An entry as the auditor reads it: its detail parsed, with its hash. */
export interface AuditEntryView extends Omit<ChainedFields, 'detail'> {
  detail: unknown;
  hash: string;
}

/** "petition.*" → LIKE 'petition.%', with the pattern's own wildcards taken literally. */
function likePrefix(prefix: string): string {
  return prefix.replace(/[!%_]/g, '!$&') + '%';
}

function parseDetail(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Only an edited row holds something else; show it as it is, verify names the row.
    return text;
  }
}

/**
 * What the auditor sees. Looking at the log leaves a trace in it too: an auditor's reads and checks
 * are entries like any other, so nobody reads the record of others unseen.
 */
@Injectable()
export class AuditReader {
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly audit: AuditLog,
  ) {}

  async search(principal: Principal, ip: string | null, query: AuditQueryDto): Promise<{ total: number; items: AuditEntryView[] }> {
    const { firstResult = 0, maxResults = 50, ...filters } = query;
    const builder = this.entries.createQueryBuilder('e');
    for (const column of ['actor', 'outcome', 'resourceType', 'resourceId', 'unitCode'] as const) {
      const value = filters[column];
      if (value !== undefined) builder.andWhere(`e.${column} = :${column}`, { [column]: value });
    }
    if (filters.action?.endsWith('*')) {
      builder.andWhere(`e.action LIKE :action ESCAPE '!'`, { action: likePrefix(filters.action.slice(0, -1)) });
    } else if (filters.action !== undefined) {
      builder.andWhere('e.action = :action', { action: filters.action });
    }
    if (filters.from !== undefined) builder.andWhere('e.at >= :from', { from: new Date(filters.from) });
    if (filters.to !== undefined) builder.andWhere('e.at <= :to', { to: new Date(filters.to) });
    const [rows, total] = await builder.orderBy('e.seq', 'DESC').offset(firstResult).limit(maxResults).getManyAndCount();

    await this.audit.record({
      action: 'audit.read',
      outcome: 'success',
      actor: principal.username,
      unitCode: principal.unitCode,
      ip,
      resourceType: 'audit-log',
      detail: { filters, firstResult, maxResults, total },
    });
    return {
      total,
      items: rows.map(({ prevHash: _prevHash, detail, ...row }) => ({ ...row, detail: parseDetail(detail) })),
    };
  }

  async verify(principal: Principal, ip: string | null): Promise<AuditVerification> {
    const result = await this.audit.verify();
    await this.audit.record({
      action: 'audit.verify',
      outcome: result.ok ? 'success' : 'failure',
      actor: principal.username,
      unitCode: principal.unitCode,
      ip,
      resourceType: 'audit-log',
      // The first break is enough to point at; the answer lists them all.
      detail: { ok: result.ok, checked: result.checked, firstBreak: result.firstBreak, breakCount: result.breakCount },
    });
    return result;
  }
}
