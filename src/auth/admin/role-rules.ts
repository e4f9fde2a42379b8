import { LocalizedHttpError } from '../../common/errors';
import { ROLES, Role } from '../roles';

/** The three separated administrator roles of MLPS level 3 (三员分立). */
export const ADMIN_ROLES: readonly Role[] = ['system-admin', 'security-admin', 'auditor'];

/**
 * A set of roles one account may hold: at most one administrator role, and an administrator holds
 * no case or process role either — otherwise one person could, say, grant rights and then erase
 * the trace, or read cases while administering the accounts that may read them.
 */
export function assertRolesCompatible(roles: Role[]): void {
  const unknown = roles.filter((r) => !ROLES.includes(r));
  if (unknown.length > 0) {
    throw new LocalizedHttpError(400, { 'zh-CN': `未知角色：${unknown.join('、')}`, en: `Unknown roles: ${unknown.join(', ')}` });
  }
  const admin = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admin.length > 1 || (admin.length === 1 && roles.length > 1)) {
    throw new LocalizedHttpError(400, {
      'zh-CN': '系统管理员、安全管理员、安全审计员三类角色须分别授予不同人员，且不得兼任业务角色',
      en: 'The system administrator, security administrator and auditor roles go to different people and hold no other role',
    });
  }
}
