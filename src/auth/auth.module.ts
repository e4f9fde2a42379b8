import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OrgModule } from '../org/org.module';
import { Unit } from '../org/unit.entity';
import { UsersAdminController } from './admin/users-admin.controller';
import { UsersAdminService } from './admin/users-admin.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { ClocksModule } from '../clocks/clocks.module';
import { AuditModule } from '../audit/audit.module';

@Module({
  imports: [
    AuditModule,
    ClocksModule,
    OrgModule,
    TypeOrmModule.forFeature([User, Unit, Session]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A key object, not the string: given a string, jsonwebtoken first tries to read it as a PEM
        // public key, and that failed parse cost about 2 ms of CPU on every request.
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: config.auth.tokenTtlSeconds, issuer: 'petition-api' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'petition-api' },
      }),
    }),
  ],
  controllers: [AuthController, UsersAdminController],
  providers: [AuthService, SessionsService, UsersAdminService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionsService],
})
export class AuthModule {}
