import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource, In, MoreThanOrEqual } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Session } from '../auth/session.entity';
import { sessionState } from '../auth/session-state';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { viewOf } from './inbox-desk.service';
import { StaffNotification } from './staff-notification.entity';

/** How often the database is asked for new rows, while at least one stream is open. */
export const POLL_MS = 2_000;
/** A comment line this often keeps proxies and the client's reader from timing the stream out. */
export const HEARTBEAT_MS = 25_000;
/**
 * How far back each poll looks. A row carries the moment its writer's transaction began, which may
 * be a while before it commits, and the writer may be another process on another host: rows are
 * matched by id against what each stream has been sent, so looking back costs no duplicates.
 */
export const LOOKBACK_MS = 120_000;
const CHUNK = 500;

interface Stream {
  username: string;
  sessionId: string;
  response: Response;
  /** Ids already sent or counted at connect, with their createdAt, pruned as they leave the window. */
  seen: Map<string, number>;
}

const SHUTTING_DOWN = new LocalizedHttpError(503, { 'zh-CN': '服务正在停止，请稍后重新连接', en: 'The server is stopping; reconnect shortly' });

/**
 * Server-sent events for the inbox. Rows may be written by any process (a separate worker process,
 * another API node), so new ones are found in the database: one timer for all open streams of this
 * process asks for the rows of the connected users created within the look-back window (one indexed
 * query per POLL_MS, however many streams are open), and stops while no stream is open.
 */
@Injectable()
export class InboxStreamHub implements OnModuleDestroy {
  private readonly logger = new Logger(InboxStreamHub.name);
  private readonly streams = new Set<Stream>();
  private poller?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private closing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(principal: Principal, response: Response): Promise<void> {
    if (this.closing) throw SHUTTING_DOWN;
    // Before the first byte, so that a database failure is still an ordinary error answer.
    const since = this.windowStart();
    const recent = await this.dataSource.getRepository(StaffNotification).find({
      select: { id: true, createdAt: true },
      where: { username: principal.username, createdAt: MoreThanOrEqual(since) },
    });
    // Counted after the ids were read: a row landing in between is sent as new, with the count.
    const unread = await this.unreadCounts([principal.username]);
    if (this.closing) throw SHUTTING_DOWN;
    // Gone while the counts were read: its 'close' has fired already and would never drop it.
    if (response.destroyed || !response.socket || response.socket.destroyed) return;

    const stream: Stream = {
      username: principal.username,
      sessionId: principal.sessionId,
      response,
      seen: new Map(recent.map((r) => [r.id, r.createdAt.getTime()])),
    };
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Connection', 'keep-alive');
    // A buffering reverse proxy (nginx) would hold events back until its buffer fills.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.socket?.setNoDelay(true);
    response.on('close', () => this.drop(stream));
    response.on('error', () => this.drop(stream));
    this.streams.add(stream);
    this.write(stream, 'retry: 5000\n\n');
    this.send(stream, 'unread', { unread: unread.get(principal.username) ?? 0 });
    this.startTimers();
  }

  async onModuleDestroy(): Promise<void> {
    // Open streams would keep the HTTP server from closing: end them, and stop asking the database.
    this.closing = true;
    this.stopTimers();
    for (const stream of [...this.streams]) this.end(stream);
    await this.polling;
  }

  /** One pass for every open stream: the rows of their users created within the window, not yet sent. */
  private poll(): Promise<void> {
    if (this.polling) return this.polling;
    this.polling = this.findNew()
      .catch((error: unknown) => this.logger.warn(`Inbox streams not updated: ${String(error)}`))
      .finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async findNew(): Promise<void> {
    const byUser = this.byUser();
    if (byUser.size === 0) return;
    const since = this.windowStart();
    const rows: StaffNotification[] = [];
    const usernames = [...byUser.keys()];
    for (let i = 0; i < usernames.length; i += CHUNK) {
      rows.push(
        ...(await this.dataSource.getRepository(StaffNotification).find({
          where: { username: In(usernames.slice(i, i + CHUNK)), createdAt: MoreThanOrEqual(since) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })),
      );
    }
    const fresh = new Map<Stream, StaffNotification[]>();
    for (const row of rows) {
      for (const stream of byUser.get(row.username) ?? []) {
        if (stream.seen.has(row.id)) continue;
        stream.seen.set(row.id, row.createdAt.getTime());
        fresh.set(stream, [...(fresh.get(stream) ?? []), row]);
      }
    }
    if (fresh.size > 0) {
      const unread = await this.unreadCounts([...new Set([...fresh.keys()].map((s) => s.username))]);
      for (const [stream, items] of fresh) {
        for (const item of items) this.send(stream, 'inbox', { unread: unread.get(stream.username) ?? 0, item: viewOf(item) });
      }
    }
    const cutoff = since.getTime();
    for (const stream of this.streams) {
      for (const [id, at] of stream.seen) if (at < cutoff) stream.seen.delete(id);
    }
  }

  /** The heartbeat, and a stream whose session has ended (signed out, expired, idle) is closed. */
  private async beat(): Promise<void> {
    for (const stream of this.streams) this.write(stream, ': ping\n\n');
    try {
      const ids = [...new Set([...this.streams].map((s) => s.sessionId))];
      const live = new Set<string>();
      const now = this.clock.now();
      const idleMs = this.config.auth.sessionIdleMinutes * 60_000;
      for (let i = 0; i < ids.length; i += CHUNK) {
        const sessions = await this.dataSource.getRepository(Session).find({
          select: { id: true, endedAt: true, expiresAt: true, lastSeenAt: true },
          where: { id: In(ids.slice(i, i + CHUNK)) },
        });
        for (const session of sessions) if (sessionState(session, now, idleMs) === 'live') live.add(session.id);
      }
      for (const stream of [...this.streams]) if (!live.has(stream.sessionId)) this.end(stream);
    } catch (error) {
      this.logger.warn(`Inbox stream sessions not checked: ${String(error)}`);
    }
  }

  private async unreadCounts(usernames: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let i = 0; i < usernames.length; i += CHUNK) {
      const rows = await this.dataSource
        .getRepository(StaffNotification)
        .createQueryBuilder('n')
        .select('n.username', 'username')
        .addSelect('COUNT(*)', 'unread')
        .where('n.username IN (:...usernames)', { usernames: usernames.slice(i, i + CHUNK) })
        .andWhere('n.readAt IS NULL')
        .groupBy('n.username')
        .getRawMany<{ username: string; unread: string | number }>();
      for (const row of rows) counts.set(row.username, Number(row.unread));
    }
    return counts;
  }

  private byUser(): Map<string, Stream[]> {
    const byUser = new Map<string, Stream[]>();
    for (const stream of this.streams) byUser.set(stream.username, [...(byUser.get(stream.username) ?? []), stream]);
    return byUser;
  }

  private windowStart(): Date {
    return new Date(this.clock.now().getTime() - LOOKBACK_MS);
  }

  private send(stream: Stream, event: string, data: unknown): void {
    this.write(stream, `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private write(stream: Stream, text: string): void {
    if (stream.response.writableEnded || stream.response.destroyed) {
      this.drop(stream);
      return;
    }
    stream.response.write(text);
  }

  private end(stream: Stream): void {
    this.drop(stream);
    if (!stream.response.writableEnded) stream.response.end();
  }

  private drop(stream: Stream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) this.stopTimers();
  }

  private startTimers(): void {
    if (this.closing) return;
    // unref: an idle inbox never keeps the process alive; shutdown clears them anyway.
    this.poller ??= setInterval(() => void this.poll(), POLL_MS).unref();
    this.heartbeat ??= setInterval(() => void this.beat(), HEARTBEAT_MS).unref();
  }

  private stopTimers(): void {
    clearInterval(this.poller);
    clearInterval(this.heartbeat);
    this.poller = undefined;
    this.heartbeat = undefined;
  }
}
