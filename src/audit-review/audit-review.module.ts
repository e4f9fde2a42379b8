import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuditModule } from '../audit/audit.module';
import { AuditReader } from './audit-reader.service';

/** The auditor's reading and verification of the chain. */
@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([AuditEntry])],
  controllers: [AuditController],
  providers: [AuditReader],
})
export class AuditReviewModule {}
