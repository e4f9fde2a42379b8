import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ClocksModule } from '../clocks/clocks.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { KpisModule } from '../kpis/kpis.module';
import { OrgModule } from '../org/org.module';
import { AnnualReportController } from './annual-report.controller';
import { AnnualReportService } from './annual-report.service';

/** 信访工作年度报告 (Art. 41): one region's year as JSON, PDF and Excel workbook. */
@Module({ imports: [AccessModule, OrgModule, KpisModule, ClocksModule, PetitionsModule], controllers: [AnnualReportController], providers: [AnnualReportService] })
export class AnnualReportModule {}
