import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { USERNAME_PATTERN } from '../auth/admin/dto/user-admin.dto';
import { ADMIN_ROLES, assertRolesCompatible } from '../auth/admin/role-rules';
import { hashPassword } from '../auth/password-hasher';
import { passwordProblems } from '../auth/password-policy';
import type { Role } from '../auth/roles';
import { User } from '../auth/user.entity';
import { Clock } from '../clocks/clock';
import { LocalizedHttpError } from '../common/errors';
import type { FieldProblem } from '../common/i18n/validation-messages';
import { Transactions } from '../database/transactions';
import { describeOrgProblem } from '../org-admin/org-admin.messages';
import { kindProblems, regionProblems, unitCodeProblems } from '../org-admin/org-rules';
import { Region } from '../org/region.entity';
import { Unit } from '../org/unit.entity';

export type Bilingual = { 'zh-CN': string; en: string };

export interface FirstAdmin {
  role: Role;
  username: string;
  displayName: string;
  password: string;
}

export interface FirstAdminsInput {
  /** The city region, created when the organisation is still empty. */
  city?: { code: string; name: string };
  /** The unit the three administrators belong to; created (a petition office of the city) when missing. */
  unit: { code: string; name?: string };
  admins: FirstAdmin[];
}

/** Why the command refused: every reason, in both languages. Nothing was written. */
export class FirstStartRefused extends Error {
  constructor(readonly reasons: Bilingual[]) {
    super(reasons.map((r) => r.en).join('; '));
  }
}

const ROLE_NAMES: Record<string, Bilingual> = {
  'system-admin': { 'zh-CN': '系统管理员', en: 'system administrator' },
  'security-admin': { 'zh-CN': '安全管理员', en: 'security administrator' },
  auditor: { 'zh-CN': '安全审计员', en: 'auditor' },
};

const orgReason = (problem: FieldProblem): Bilingual => ({
  'zh-CN': describeOrgProblem(problem, 'zh-CN'),
  en: describeOrgProblem(problem, 'en'),
});

/**
 * The first start of a production installation: the system administrator, the security
 * administrator and the auditor (三员分立), three different people, with the password policy and
 * the role rules every other account follows. Runs once: when any of the three roles already has an
 * active account it refuses, and from then on the administrators maintain accounts themselves.
 */
@Injectable()
export class FirstAdminsService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async run(input: FirstAdminsInput): Promise<{ created: { username: string; role: Role }[] }> {
    const reasons = this.checkPeople(input.admins);
    if (reasons.length > 0) throw new FirstStartRefused(reasons);
    // Hashed before the transaction: argon2 takes a while and the transaction should not wait for it.
    const hashes = await Promise.all(input.admins.map((a) => hashPassword(a.password)));
    const now = this.clock.now();
    await this.tx.write(async (manager) => {
      // The audit chain's head row is locked first: two runs at the same moment take turns, and the
      // second one sees the first one's administrators below and refuses.
      await this.audit.takeTurns(manager);
      for (const admin of input.admins) {
        await this.audit.recordIn(manager, {
          action: 'user.first-admin',
          outcome: 'success',
          actor: 'system',
          unitCode: input.unit.code,
          resourceType: 'user',
          resourceId: admin.username,
          detail: { roles: [admin.role], command: 'admin:init' },
        });
      }
      await this.refuseWhenInitialised(manager, input.admins);
      await this.ensureOrganisation(manager, input);
      for (const [i, admin] of input.admins.entries()) {
        await manager.insert(User, {
          id: randomUUID(),
          username: admin.username,
          displayName: admin.displayName,
          unitCode: input.unit.code,
          passwordHash: hashes[i],
          roles: [admin.role],
          active: true,
          createdAt: now,
          failedSignIns: 0,
          lockedUntil: null,
          passwordChangedAt: now,
        });
      }
    });
    return { created: input.admins.map((a) => ({ username: a.username, role: a.role })) };
  }

  /** Three roles, three people, three passwords that follow the policy and differ from each other. */
  private checkPeople(admins: FirstAdmin[]): Bilingual[] {
    const reasons: Bilingual[] = [];
    for (const role of ADMIN_ROLES) {
      if (admins.filter((a) => a.role === role).length !== 1) {
        reasons.push({ 'zh-CN': `须指定一名${ROLE_NAMES[role]['zh-CN']}`, en: `Name exactly one ${ROLE_NAMES[role].en}` });
      }
    }
    const usernames = new Set(admins.map((a) => a.username));
    if (usernames.size !== admins.length) {
      reasons.push({
        'zh-CN': '系统管理员、安全管理员、安全审计员须由三名不同人员担任，用户名不能重复',
        en: 'The system administrator, security administrator and auditor are three different people: the user names must differ',
      });
    }
    const given = admins.map((a) => a.password).filter(Boolean);
    if (new Set(given).size !== given.length) {
      reasons.push({
        'zh-CN': '三名管理员的密码不能相同（每人只应知道自己的密码）',
        en: 'The three administrators need different passwords (each knows only their own)',
      });
    }
    for (const admin of admins) {
      const who = ROLE_NAMES[admin.role] ?? { 'zh-CN': admin.role, en: admin.role };
      if (!USERNAME_PATTERN.test(admin.username)) {
        reasons.push({
          'zh-CN': `${who['zh-CN']}的用户名「${admin.username}」须为 3–64 位小写字母、数字、点或连字符`,
          en: `The ${who.en}'s user name "${admin.username}" must have 3 to 64 lowercase letters, digits, dots or hyphens`,
        });
      }
      if (!admin.displayName.trim() || admin.displayName.length > 64) {
        reasons.push({ 'zh-CN': `${who['zh-CN']}的姓名须为 1–64 个字符`, en: `The ${who.en}'s display name must have 1 to 64 characters` });
      }
      if (!admin.password) {
        reasons.push({ 'zh-CN': `未提供${who['zh-CN']}的密码`, en: `No password given for the ${who.en}` });
        continue;
      }
      const problem = passwordProblems(admin.password, admin.username);
      if (problem) reasons.push({ 'zh-CN': `${who['zh-CN']}：${problem['zh-CN']}`, en: `${capitalize(who.en)}: ${problem.en}` });
      try {
        assertRolesCompatible([admin.role]);
      } catch (error) {
        if (error instanceof LocalizedHttpError) reasons.push(error.messages);
        else throw error;
      }
    }
    return reasons;
  }

  private async refuseWhenInitialised(manager: EntityManager, admins: FirstAdmin[]): Promise<void> {
    const active = await manager.find(User, { select: { username: true, roles: true }, where: { active: true } });
    const holders = active.filter((u) => u.roles.some((r) => ADMIN_ROLES.includes(r)));
    if (holders.length > 0) {
      const list = holders.map((u) => `${u.username}（${u.roles.join(',')}）`).join('、');
      throw new FirstStartRefused([
        {
          'zh-CN': `已初始化：已有在用的管理员账号 ${list}。本命令只能在首次启动时运行一次；此后请由系统管理员和安全管理员在系统内维护账号`,
          en: `Already initialised: active administrator accounts exist (${holders.map((u) => u.username).join(', ')}). This command runs once, on the first start; from then on the administrators maintain accounts in the application`,
        },
      ]);
    }
    const taken = await manager.find(User, { select: { username: true }, where: admins.map((a) => ({ username: a.username })) });
    if (taken.length > 0) {
      throw new FirstStartRefused([
        {
          'zh-CN': `用户名已被使用：${taken.map((u) => u.username).join('、')}`,
          en: `User names already taken: ${taken.map((u) => u.username).join(', ')}`,
        },
      ]);
    }
  }

  /** The city and its petition office, so that the administrators have a unit before any import. */
  private async ensureOrganisation(manager: EntityManager, input: FirstAdminsInput): Promise<void> {
    const existing = await manager.findOneBy(Unit, { code: input.unit.code });
    if (existing) {
      if (!existing.active) {
        throw new FirstStartRefused([
          { 'zh-CN': `单位「${existing.code}」已撤销`, en: `Unit ${existing.code} is closed` },
        ]);
      }
      return;
    }
    if (!input.unit.name || !input.city) {
      throw new FirstStartRefused([
        {
          'zh-CN': `单位「${input.unit.code}」不存在：首次启动时请同时给出 --city 代码:名称 和 --unit 代码:名称，以建立市级区划和市信访局`,
          en: `Unit ${input.unit.code} does not exist: on a first start give --city code:name and --unit code:name to create the city and its petition office`,
        },
      ]);
    }
    let region = await manager.findOneBy(Region, { code: input.city.code });
    if (!region) {
      const problems = regionProblems({ code: input.city.code, level: 'city' }, null, null);
      if (problems.length > 0) throw new FirstStartRefused(problems.map(orgReason));
      region = manager.create(Region, { code: input.city.code, name: input.city.name.trim(), level: 'city', parentCode: null });
      await manager.insert(Region, region);
    }
    const problems = [...unitCodeProblems(input.unit.code, region.code), ...kindProblems('petition-office', region)];
    if (problems.length > 0) throw new FirstStartRefused(problems.map(orgReason));
    await manager.insert(Unit, {
      code: input.unit.code,
      name: input.unit.name.trim(),
      kind: 'petition-office',
      regionCode: region.code,
      parentUnitCode: null,
      active: true,
      successorCode: null,
      reviewingUnitCode: null,
    });
  }
}

const capitalize = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
