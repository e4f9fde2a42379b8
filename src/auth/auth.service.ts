import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Unit } from '../org/unit.entity';
import { hashPassword, verifyPassword } from './password-hasher';
import { assertPasswordAcceptable } from './password-policy';
import type { Principal } from './principal';
import { afterFailedSignIn } from './session-state';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';

export interface SignedInUser {
  username: string;
  displayName: string;
  unitCode: string;
  unitName: string;
  roles: string[];
}

export interface LoginResult {
  accessToken: string;
  expiresAt: string;
  idleMinutes: number;
  user: SignedInUser;
}

/** What the access token carries: only which session it belongs to. */
export interface TokenClaims {
  sid: string;
  sub: string;
}

const WRONG_CREDENTIALS = new LocalizedHttpError(401, { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' });

// Verifying against a real hash for unknown users keeps the response time from telling which usernames exist.
let decoyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly jwt: JwtService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string, address: string | null): Promise<LoginResult> {
    const user = await this.users.findOneBy({ username });
    decoyHash ??= hashPassword('decoy-password-for-timing');
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
    const now = this.clock.now();
    const attempt = { action: 'auth.login', actor: username, ip: address, unitCode: user?.unitCode ?? null };

    if (user?.lockedUntil && user.lockedUntil > now) {
      await this.audit.record({ ...attempt, outcome: 'denied', detail: { reason: 'locked', lockedUntil: user.lockedUntil.toISOString() } });
      throw lockedError(user.lockedUntil);
    }
    if (!user || !valid || !user.active) {
      if (user && !valid) {
        const next = afterFailedSignIn(user.failedSignIns, now, this.config.auth);
        await this.users.update({ id: user.id }, next);
        await this.audit.record({
          ...attempt,
          outcome: 'failure',
          detail: { reason: 'wrong-password', ...(next.lockedUntil ? { lockedUntil: next.lockedUntil.toISOString() } : {}) },
        });
        if (next.lockedUntil) throw lockedError(next.lockedUntil);
      } else {
        await this.audit.record({ ...attempt, outcome: 'failure', detail: { reason: user ? 'inactive' : 'unknown-user' } });
      }
      throw WRONG_CREDENTIALS;
    }

    if (user.failedSignIns > 0 || user.lockedUntil) await this.users.update({ id: user.id }, { failedSignIns: 0, lockedUntil: null });
    const session = await this.sessions.start(user, address);
    await this.audit.record({ ...attempt, outcome: 'success', resourceType: 'session', resourceId: session.id });
    const claims: TokenClaims = { sid: session.id, sub: user.id };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresAt: session.expiresAt.toISOString(),
      idleMinutes: this.config.auth.sessionIdleMinutes,
      user: await this.describe(user),
    };
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.end(principal.sessionId, 'signed-out');
  }

  async me(principal: Principal): Promise<SignedInUser> {
    return this.describe(await this.users.findOneByOrFail({ id: principal.userId }));
  }

  /** Changing one's password ends one's other sessions: someone who knew the old one is out. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: principal.userId });
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new LocalizedHttpError(400, { 'zh-CN': '当前密码不正确', en: 'The current password is not correct' });
    }
    assertPasswordAcceptable(newPassword, user.username);
    if (await verifyPassword(user.passwordHash, newPassword)) {
      throw new LocalizedHttpError(400, { 'zh-CN': '新密码不能与当前密码相同', en: 'The new password must differ from the current one' });
    }
    await this.users.update({ id: user.id }, { passwordHash: await hashPassword(newPassword), passwordChangedAt: this.clock.now() });
    await this.sessions.endAllFor(user.id, 'password-changed', principal.sessionId);
  }

  private async describe(user: User): Promise<SignedInUser> {
    const unit = await this.units.findOneBy({ code: user.unitCode });
    return {
      username: user.username,
      displayName: user.displayName,
      unitCode: user.unitCode,
      unitName: unit?.name ?? user.unitCode,
      roles: user.roles,
    };
  }
}

function lockedError(until: Date): LocalizedHttpError {
  const local = until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return new LocalizedHttpError(423, {
    'zh-CN': `连续登录失败次数过多，账号已锁定至 ${local}；如需提前解锁请联系安全管理员`,
    en: `Too many failed sign-ins: the account is locked until ${until.toISOString()}; a security administrator can unlock it sooner`,
  });
}
