import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuditLog } from '../../audit/audit-log.service';
import { Clock } from '../../clocks/clock';
import { isUniqueViolation } from '../../database/errors';
import { Transactions } from '../../database/transactions';
import { LocalizedHttpError } from '../../common/errors';
import { OrgService } from '../../org/org.service';
import { hashPassword } from '../password-hasher';
import { assertPasswordAcceptable } from '../password-policy';
import type { Principal } from '../principal';
import type { Role } from '../roles';
import { SessionsService } from '../sessions.service';
import { User } from '../user.entity';
import { CreateUserDto, UpdateUserDto } from './dto/user-admin.dto';
import { assertRolesCompatible } from './role-rules';

export interface UserView {
  username: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

function view(user: User, now: Date): UserView {
  return {
    username: user.username,
    displayName: user.displayName,
    unitCode: user.unitCode,
    roles: user.roles,
    active: user.active,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
  };
}

const usernameTaken = (username: string) =>
  new LocalizedHttpError(409, { 'zh-CN': `用户名 ${username} 已被使用`, en: `The user name ${username} is taken` });

const NO_SUCH_USER = (username: string) =>
  new LocalizedHttpError(404, { 'zh-CN': `用户 ${username} 不存在`, en: `There is no user ${username}` });

/**
 * Accounts, split the MLPS way: the system administrator creates and maintains accounts (without
 * roles), the security administrator grants roles, unlocks and resets passwords.
 */
@Injectable()
export class UsersAdminService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly org: OrgService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly tx: Transactions,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<UserView[]> {
    const now = this.clock.now();
    return (await this.users.find({ order: { username: 'ASC' } })).map((u) => view(u, now));
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    await this.requireActiveUnit(dto.unitCode);
    assertPasswordAcceptable(dto.password, dto.username);
    if (await this.users.existsBy({ username: dto.username })) throw usernameTaken(dto.username);
    const now = this.clock.now();
    const user = this.users.create({
      id: randomUUID(),
      username: dto.username,
      displayName: dto.displayName,
      unitCode: dto.unitCode,
      passwordHash: await hashPassword(dto.password),
      roles: [],
      active: true,
      createdAt: now,
      failedSignIns: 0,
      lockedUntil: null,
      passwordChangedAt: now,
    });
    try {
      return view(await this.saveAudited(user, { username: user.username }), now);
    } catch (error) {
      // The same name sent twice at once: the other request took it.
      if (isUniqueViolation(error)) throw usernameTaken(dto.username);
      throw error;
    }
  }

  async update(principal: Principal, username: string, dto: UpdateUserDto): Promise<UserView> {
    const user = await this.find(username);
    if (dto.active === false && user.id === principal.userId) {
      throw new LocalizedHttpError(400, { 'zh-CN': '不能停用自己的账号', en: 'You cannot deactivate your own account' });
    }
    if (dto.unitCode !== undefined) await this.requireActiveUnit(dto.unitCode);
    Object.assign(user, dto);
    await this.saveAudited(user);
    if (dto.active === false) await this.sessions.endAllFor(user.id, 'deactivated');
    return view(user, this.clock.now());
  }

  async setRoles(principal: Principal, username: string, roles: Role[]): Promise<UserView> {
    const user = await this.find(username);
    if (user.id === principal.userId) {
      throw new LocalizedHttpError(403, { 'zh-CN': '不能修改自己的角色', en: 'You cannot change your own roles' });
    }
    const unique = [...new Set(roles)];
    assertRolesCompatible(unique);
    user.roles = unique;
    await this.saveAudited(user, { roles: unique });
    return view(user, this.clock.now());
  }

  async unlock(username: string): Promise<UserView> {
    const user = await this.find(username);
    await this.saveAudited(Object.assign(user, { failedSignIns: 0, lockedUntil: null }));
    return view({ ...user, failedSignIns: 0, lockedUntil: null }, this.clock.now());
  }

  async resetPassword(username: string, password: string): Promise<void> {
    const user = await this.find(username);
    assertPasswordAcceptable(password, user.username);
    Object.assign(user, { passwordHash: await hashPassword(password), passwordChangedAt: this.clock.now(), failedSignIns: 0, lockedUntil: null });
    await this.saveAudited(user);
    await this.sessions.endAllFor(user.id, 'password-reset');
  }

  /** The account change and its audit entry commit together. */
  private saveAudited(user: User, detail?: Record<string, unknown>): Promise<User> {
    return this.tx.write(async (manager) => {
      const saved = await manager.save(User, user);
      await this.audit.recordRequest(manager, { resourceId: user.username, detail });
      return saved;
    });
  }

  private async find(username: string): Promise<User> {
    const user = await this.users.findOneBy({ username });
    if (!user) throw NO_SUCH_USER(username);
    return user;
  }

  private async requireActiveUnit(code: string): Promise<void> {
    const unit = await this.org.unit(code);
    if (!unit || !unit.active) {
      throw new LocalizedHttpError(400, { 'zh-CN': `单位 ${code} 不存在或已撤销`, en: `Unit ${code} does not exist or is closed` });
    }
  }
}
