import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AccessDenied } from '../access/access-denied';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { Transactions } from '../database/transactions';
import type { InboxListQueryDto } from './dto/inbox.dto';
import { NotificationKind, StaffNotification } from './staff-notification.entity';

export interface InboxItemView {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string | null;
  petitionId: string | null;
  petitionNumber: string | null;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MESSAGES = { 'zh-CN': '未找到该通知', en: 'No such notification' };

export function viewOf(row: StaffNotification): InboxItemView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    petitionId: row.petitionId,
    petitionNumber: row.petitionNumber,
    taskId: row.taskId,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** What a signed-in member of staff does with their own inbox. Nobody reads or marks another's. */
@Injectable()
export class InboxDeskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(principal: Principal, query: InboxListQueryDto): Promise<{ items: InboxItemView[]; total: number; unread: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const qb = this.dataSource.getRepository(StaffNotification).createQueryBuilder('n').where('n.username = :username', { username: principal.username });
    if (query.unread !== undefined) qb.andWhere(query.unread ? 'n.readAt IS NULL' : 'n.readAt IS NOT NULL');
    const [rows, total] = await qb
      .orderBy('n.createdAt', 'DESC')
      // Rows written together share a moment: a stable order across pages.
      .addOrderBy('n.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(viewOf), total, unread: await this.unreadCount(principal.username) };
  }

  unreadCount(username: string): Promise<number> {
    return this.dataSource.getRepository(StaffNotification).countBy({ username, readAt: IsNull() });
  }

  /** Marks one of the caller's own notices read; marking it again changes nothing. */
  async markRead(principal: Principal, id: string): Promise<void> {
    // A malformed id cannot name a notice: the same 404 as an unknown one, without asking the database.
    if (!UUID.test(id)) throw new LocalizedHttpError(404, MESSAGES);
    await this.tx.write(async (manager) => {
      const row = await manager.findOneBy(StaffNotification, { id });
      if (!row) throw new LocalizedHttpError(404, MESSAGES);
      // Someone else's notice answers like a missing one; the audit trail records the attempt.
      if (row.username !== principal.username) throw new AccessDenied('notification', id, MESSAGES);
      if (!row.readAt) await manager.update(StaffNotification, { id, readAt: IsNull() }, { readAt: this.clock.now() });
      await this.audit.recordRequest(manager);
    });
  }

  async markAllRead(principal: Principal): Promise<{ updated: number }> {
    return this.tx.write(async (manager) => {
      const result = await manager.update(StaffNotification, { username: principal.username, readAt: IsNull() }, { readAt: this.clock.now() });
      const updated = result.affected ?? 0;
      await this.audit.recordRequest(manager, { detail: { updated } });
      return { updated };
    });
  }
}
