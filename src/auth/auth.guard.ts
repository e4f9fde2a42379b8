import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { LocalizedHttpError } from '../common/errors';
import { AuthenticatedRequest, PUBLIC_METADATA, ROLES_METADATA } from './auth.decorators';
import type { TokenClaims } from './auth.service';
import { ROLE_NAMES_ZH, type Role } from './roles';
import { SessionsService } from './sessions.service';

const SIGN_IN_NEEDED = new LocalizedHttpError(401, { 'zh-CN': '请先登录', en: 'Please sign in first' });
const SESSION_OVER = new LocalizedHttpError(401, {
  'zh-CN': '登录已过期或已退出，请重新登录',
  en: 'Your session has ended or expired; please sign in again',
});

/**
 * Every route needs a live session unless it is marked @Public(); @Roles narrows further. The
 * caller's unit and roles come from their account as it is now, not from when the token was issued.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw SIGN_IN_NEEDED;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw SESSION_OVER;
    }
    if (typeof claims.sid !== 'string') throw SESSION_OVER;
    const resolved = await this.sessions.resolve(claims.sid);
    if ('refused' in resolved) throw SESSION_OVER;
    const { user } = resolved;
    request.principal = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      unitCode: user.unitCode,
      roles: user.roles,
      sessionId: resolved.session.id,
    };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
    if (roles && !roles.some((role) => request.principal!.roles.includes(role))) {
      throw new LocalizedHttpError(403, {
        'zh-CN': `此操作需要以下角色之一：${roles.map(roleNameZh).join('、')}`,
        en: `This needs one of these roles: ${roles.join(', ')}`,
      });
    }
    return true;
  }
}

function roleNameZh(role: Role): string {
  return ROLE_NAMES_ZH[role] ?? role;
}
