import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LocalizedHttpError } from '../common/errors';
import { Unit } from '../org/unit.entity';
import { hashPassword, verifyPassword } from './password-hasher';
import type { Principal } from './principal';
import { User } from './user.entity';

export interface LoginResult {
  accessToken: string;
  user: { username: string; displayName: string; unitCode: string; unitName: string; roles: string[] };
}

// Verifying against a real hash for unknown users keeps the response time from telling which usernames exist.
let decoyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.users.findOneBy({ username });
    decoyHash ??= hashPassword('decoy-password-for-timing');
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
    if (!user || !valid || !user.active) {
      throw new LocalizedHttpError(401, {
        'zh-CN': '用户名或密码错误',
        en: 'Wrong username or password',
      });
    }
    const unit = await this.units.findOneBy({ code: user.unitCode });
    const principal: Principal = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      unitCode: user.unitCode,
      roles: user.roles,
    };
    return {
      accessToken: await this.jwt.signAsync(principal),
      user: {
        username: user.username,
        displayName: user.displayName,
        unitCode: user.unitCode,
        unitName: unit?.name ?? user.unitCode,
        roles: user.roles,
      },
    };
  }
}
