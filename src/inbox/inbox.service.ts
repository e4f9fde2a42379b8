import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { User } from '../auth/user.entity';
import type { Role } from '../auth/roles';
import { NotificationKind, StaffNotification } from './staff-notification.entity';

/** What one notice says, before it is fanned out to its recipients. */
export interface InboxItem {
  unitCode: string;
  kind: NotificationKind;
  /** Short zh-CN text: the step and the petition number, never a petitioner's name, ID or phone. */
  title: string;
  body?: string | null;
  petitionId?: string | null;
  petitionNumber?: string | null;
  taskId?: string | null;
  /**
   * What happened, once: e.g. `task:<taskId>`, `reminder:<recordId>`. With the recipient it is the
   * idempotency key, so the same cause written twice (a redelivered worker task, a second sync)
   * adds nothing.
   */
  cause: string;
  /** notifyUnit only: the unit's people holding one of these roles (all of them when absent). */
  roles?: readonly Role[];
}

const KEY_LENGTH = 200;
const TITLE_LENGTH = 200;

/**
 * Writes staff inbox rows, always in the caller's transaction so that a notice exists exactly when
 * what it announces does. The API's stream finds new rows in the database, so any process may write.
 */
@Injectable()
export class InboxService {
  /** One row for each active account of the unit (narrowed to `roles` when given). */
  async notifyUnit(manager: EntityManager, item: InboxItem, now: Date): Promise<void> {
    const people = await manager.find(User, { select: { username: true, roles: true }, where: { unitCode: item.unitCode, active: true } });
    const roles = item.roles;
    const usernames = people.filter((u) => !roles || u.roles.some((r) => roles.includes(r))).map((u) => u.username);
    await this.insert(manager, usernames, item, now);
  }

  /** The same for one account (nothing if it is unknown or deactivated). */
  notifyUser(manager: EntityManager, username: string, item: InboxItem, now: Date): Promise<void> {
    return this.notifyUsers(manager, [username], item, now);
  }

  /** The same for named accounts, e.g. the recipients a supervision record lists. */
  async notifyUsers(manager: EntityManager, usernames: readonly string[], item: InboxItem, now: Date): Promise<void> {
    const wanted = [...new Set(usernames)];
    if (wanted.length === 0) return;
    const active = await manager.find(User, { select: { username: true }, where: { username: In(wanted), active: true } });
    await this.insert(
      manager,
      active.map((u) => u.username),
      item,
      now,
    );
  }

  private async insert(manager: EntityManager, usernames: string[], item: InboxItem, now: Date): Promise<void> {
    if (usernames.length === 0) return;
    const rows: StaffNotification[] = [...new Set(usernames)].sort().map((username) => ({
      id: randomUUID(),
      username,
      unitCode: item.unitCode,
      kind: item.kind,
      title: clip(item.title, TITLE_LENGTH),
      body: item.body ?? null,
      petitionId: item.petitionId ?? null,
      petitionNumber: item.petitionNumber ?? null,
      taskId: item.taskId ?? null,
      createdAt: now,
      readAt: null,
      idempotencyKey: idempotencyKey(item.cause, username),
    }));
    // Insert-or-ignore on the unique key: a cause already written for a recipient is skipped, not an error.
    await manager.createQueryBuilder().insert().into(StaffNotification).values(rows).orIgnore().execute();
  }
}

/**
 * `<cause>:<username>`; one too long for the column is replaced by its digest, which is as stable,
 * rather than cut, which could make two causes collide.
 */
export function idempotencyKey(cause: string, username: string): string {
  const key = `${cause}:${username}`;
  return key.length <= KEY_LENGTH ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

function clip(text: string, length: number): string {
  const characters = Array.from(text);
  return characters.length <= length ? text : `${characters.slice(0, length - 1).join('')}…`;
}
