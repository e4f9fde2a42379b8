import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditTrailInterceptor } from './audit-trail.interceptor';
import { AuditTrailMiddleware } from './audit-trail.middleware';
import { AuditModule } from '../audit/audit.module';

@Module({ imports: [AuditModule], providers: [{ provide: APP_INTERCEPTOR, useClass: AuditTrailInterceptor }] })
export class AuditTrailModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditTrailMiddleware).forRoutes('{*path}');
  }
}
