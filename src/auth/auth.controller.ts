import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Audit, AuditedByHandler } from '../audit/audit.decorator';
import { RateLimited } from '../hardening/rate-limit.decorator';
import { CurrentUser, Public } from './auth.decorators';
import { AuthService, LoginResult, SignedInUser } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimited('signIn')
  @AuditedByHandler()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; returns a bearer token for the other endpoints (423 while the account is locked)' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, request.ip ?? null);
  }

  @Post('logout')
  @Audit({ action: 'auth.logout', resourceType: 'session' })
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: the token stops working at once' })
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who is signed in, their unit and roles' })
  me(@CurrentUser() principal: Principal): Promise<SignedInUser> {
    return this.auth.me(principal);
  }

  @Post('password')
  @Audit({ action: 'auth.password-change', resourceType: 'user' })
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your password; your other sessions end' })
  async changePassword(@CurrentUser() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(principal, body.currentPassword, body.newPassword);
  }
}
