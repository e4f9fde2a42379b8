import { Module } from '@nestjs/common';
import { OverdueReportService } from './overdue-report.service';
import { ReportsController } from './reports.controller';

@Module({ controllers: [ReportsController], providers: [OverdueReportService] })
export class ReportsModule {}
