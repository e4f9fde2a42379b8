import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';

/** Global: any module records entries through AuditLog without importing this one. */
@Global()
@Module({
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
