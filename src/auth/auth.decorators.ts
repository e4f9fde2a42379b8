import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal';
import type { Role } from './roles';

export const PUBLIC_METADATA = 'petition:public';
export const ROLES_METADATA = 'petition:roles';

/** Reachable without signing in. */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);

/** Only callers holding one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_METADATA, roles);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentUser used on a public route');
  return principal;
});
