import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Not, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../clocks/clock';
import { Session } from './session.entity';
import { sessionState, SessionState } from './session-state';
import { User } from './user.entity';

// Writing lastSeenAt on every request would make each read a write; a minute is fine for a 30-minute idle limit.
const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async start(user: User, address: string | null): Promise<Session> {
    const now = this.clock.now();
    const session = this.sessions.create({
      id: randomUUID(),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.tokenTtlSeconds * 1000),
      endedAt: null,
      endReason: null,
      address: address?.slice(0, 64) ?? null,
    });
    return this.sessions.save(session);
  }

  /** The session and its account if both may still be used; otherwise why not. */
  async resolve(sessionId: string): Promise<{ session: Session; user: User } | { refused: SessionState | 'inactive' }> {
    // The session and its account in one statement: this runs before every request.
    const found = await this.sessions
      .createQueryBuilder('s')
      .leftJoinAndMapOne('s.account', User, 'u', 'u.id = s.userId')
      .where('s.id = :sessionId', { sessionId })
      .getOne();
    if (!found) return { refused: 'ended' };
    const { account: user, ...columns } = found as Session & { account?: User };
    const session = Object.assign(new Session(), columns);
    const now = this.clock.now();
    const state = sessionState(session, now, this.config.auth.sessionIdleMinutes * 60_000);
    if (state !== 'live') {
      if (state !== 'ended') await this.end(session.id, state);
      return { refused: state };
    }
    if (!user || !user.active || (user.lockedUntil && user.lockedUntil > now)) {
      await this.end(session.id, 'inactive');
      return { refused: 'inactive' };
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: now });
    }
    return { session, user };
  }

  async end(sessionId: string, reason: string): Promise<void> {
    await this.sessions.update({ id: sessionId, endedAt: IsNull() }, { endedAt: this.clock.now(), endReason: reason });
  }

  /** Every open session of an account, but possibly the one asking. */
  async endAllFor(userId: string, reason: string, except?: string): Promise<void> {
    await this.sessions.update(
      { userId, endedAt: IsNull(), ...(except ? { id: Not(except) } : {}) },
      { endedAt: this.clock.now(), endReason: reason },
    );
  }
}
