import { Module } from '@nestjs/common';
import { OverdueReportService } from './overdue-report.service';
import { ReportsController } from './reports.controller';
import { OrgModule } from '../org/org.module';
import { ClocksModule } from '../clocks/clocks.module';
import { AccessModule } from '../access/access.module';
import { PetitionsModule } from '../petitions/petitions.module';

@Module({ imports: [OrgModule, ClocksModule, AccessModule, PetitionsModule], controllers: [ReportsController], providers: [OverdueReportService] })
export class ReportsModule {}
