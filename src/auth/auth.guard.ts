import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { LocalizedHttpError } from '../common/errors';
import { AuthenticatedRequest, PUBLIC_METADATA, ROLES_METADATA } from './auth.decorators';
import type { Principal } from './principal';
import type { Role } from './roles';

/** Every route needs a valid bearer token unless it is marked @Public(); @Roles narrows further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException();
    try {
      request.principal = await this.jwt.verifyAsync<Principal>(token);
    } catch {
      throw new LocalizedHttpError(401, {
        'zh-CN': '登录已过期或无效，请重新登录',
        en: 'Your session has expired or is invalid; please sign in again',
      });
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
    if (roles && !roles.some((role) => request.principal!.roles.includes(role))) {
      throw new LocalizedHttpError(403, {
        'zh-CN': `此操作需要以下角色之一：${roles.join('、')}`,
        en: `This needs one of these roles: ${roles.join(', ')}`,
      });
    }
    return true;
  }
}
