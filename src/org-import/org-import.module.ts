import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClocksModule } from '../clocks/clocks.module';
import { OrgModule } from '../org/org.module';
import { OrgImportController } from './org-import.controller';
import { OrgImportService } from './org-import.service';

/** The organisation import: regions, units and accounts from a workbook or CSV files. */
@Module({
  imports: [OrgModule, ClocksModule, AuditModule],
  controllers: [OrgImportController],
  providers: [OrgImportService],
})
export class OrgImportModule {}
