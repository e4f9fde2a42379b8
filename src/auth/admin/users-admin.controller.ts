import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../../audit/audit.decorator';
import { CurrentUser, Roles } from '../auth.decorators';
import type { Principal } from '../principal';
import { CreateUserDto, ResetPasswordDto, SetRolesDto, UpdateUserDto } from './dto/user-admin.dto';
import { UsersAdminService, UserView } from './users-admin.service';

@ApiTags('user-admin')
@ApiBearerAuth()
@Controller('admin/users')
export class UsersAdminController {
  constructor(private readonly admin: UsersAdminService) {}

  @Get()
  @Roles('system-admin', 'security-admin')
  @ApiOperation({ summary: 'All accounts with unit, roles, and whether they are active or locked' })
  list(): Promise<UserView[]> {
    return this.admin.list();
  }

  @Post()
  @Roles('system-admin')
  @Audit({ action: 'user.create', resourceType: 'user', detail: (u) => ({ username: (u as UserView).username }) })
  @ApiOperation({ summary: 'Create an account in a unit, with no roles (the security administrator grants them)' })
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.admin.create(body);
  }

  @Patch(':username')
  @Roles('system-admin')
  @Audit({ action: 'user.update', resourceType: 'user', idParam: 'username' })
  @ApiOperation({ summary: 'Rename, move to another unit, or deactivate an account' })
  update(@CurrentUser() principal: Principal, @Param('username') username: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.admin.update(principal, username, body);
  }

  @Put(':username/roles')
  @Roles('security-admin')
  @Audit({ action: 'user.roles', resourceType: 'user', idParam: 'username', detail: (u) => ({ roles: (u as UserView).roles }) })
  @ApiOperation({ summary: 'Grant roles (administrator roles are exclusive; not your own account)' })
  setRoles(@CurrentUser() principal: Principal, @Param('username') username: string, @Body() body: SetRolesDto): Promise<UserView> {
    return this.admin.setRoles(principal, username, body.roles);
  }

  @Post(':username/unlock')
  @HttpCode(200)
  @Roles('security-admin')
  @Audit({ action: 'user.unlock', resourceType: 'user', idParam: 'username' })
  @ApiOperation({ summary: 'Unlock an account locked after failed sign-ins' })
  unlock(@Param('username') username: string): Promise<UserView> {
    return this.admin.unlock(username);
  }

  @Post(':username/password')
  @HttpCode(204)
  @Roles('security-admin')
  @Audit({ action: 'user.password-reset', resourceType: 'user', idParam: 'username' })
  @ApiOperation({ summary: 'Set a temporary password; the account’s sessions end' })
  async resetPassword(@Param('username') username: string, @Body() body: ResetPasswordDto): Promise<void> {
    await this.admin.resetPassword(username, body.password);
  }
}
