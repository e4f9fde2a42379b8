import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { AuditLog } from './audit-log.service';

/** The audit chain's one writer: every module that records an entry imports this one. */
@Module({
  imports: [ClocksModule],
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
