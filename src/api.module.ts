import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AttachmentsApiModule } from './attachments/attachments-api.module';
import { AuditReviewModule } from './audit-review/audit-review.module';
import { AuditTrailModule } from './audit-trail/audit-trail.module';
import { AuthModule } from './auth/auth.module';
import { CalendarApiModule } from './calendar/calendar-api.module';
import { RepresentativesModule } from './representatives/representatives.module';
import { CaseFileModule } from './case-file/case-file.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { AppConfig } from './config/app-config';
import { DemoModule } from './demo/demo.module';
import { HardeningModule } from './hardening/hardening.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { IncidentsModule } from './incidents/incidents.module';
import { InboxApiModule } from './inbox/inbox-api.module';
import { NoticesApiModule } from './notice-desk/notices-api.module';
import { foundation, WORKER_FEATURES } from './infrastructure';
import { OrgAdminModule } from './org-admin/org-admin.module';
import { OrgImportModule } from './org-import/org-import.module';
import { OrgApiModule } from './org/org-api.module';
import { PetitionsApiModule } from './petitions/petitions-api.module';
import { ProcessesModule } from './processes/processes.module';
import { PublicityApiModule } from './publicity/publicity-api.module';
import { PublicBoardModule } from './public-board/public-board.module';
import { ReportsModule } from './reports/reports.module';
import { AnnualReportModule } from './annual-report/annual-report.module';
import { KpisApiModule } from './kpis/kpis-api.module';
import { ScoresApiModule } from './scores/scores-api.module';
import { SupervisionApiModule } from './supervision/supervision-api.module';
import { TasksModule } from './tasks/tasks.module';

/** Controllers and HTTP concerns, in the order their guards and middleware apply. */
const HTTP_MODULES: Type[] = [
  // Rate limits before the AuthGuard, so that limits apply before any work is done.
  HardeningModule,
  AuditTrailModule,
  AuthModule,
  OrgApiModule,
  OrgAdminModule,
  OrgImportModule,
  PetitionsApiModule,
  CaseFileModule,
  AttachmentsApiModule,
  RepresentativesModule,
  TasksModule,
  PublicityApiModule,
  PublicBoardModule,
  SupervisionApiModule,
  InboxApiModule,
  NoticesApiModule,
  ReportsModule,
  AnnualReportModule,
  KpisApiModule,
  ScoresApiModule,
  ProcessesModule,
  CalendarApiModule,
  AuditReviewModule,
  HealthModule,
  IncidentsModule,
  // Loaded by the API before it serves anything (bootstrap.ts).
  DemoModule,
];

/**
 * The API process. It holds the worker features too: with WORKERS_IN_PROCESS (the default) it runs
 * the topic handlers itself; without, they sit idle and a worker process (WorkerModule) runs them.
 */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    const ui = existsSync(join(config.uiDist, 'index.html'))
      ? [ServeStaticModule.forRoot({ rootPath: config.uiDist, exclude: ['/api/{*path}'] })]
      : [];
    return {
      module: ApiModule,
      imports: [LoggingModule.forRoot('api'), ...foundation(config), ...WORKER_FEATURES, ...HTTP_MODULES, ...ui],
      providers: [ApiExceptionFilter, { provide: APP_FILTER, useExisting: ApiExceptionFilter }],
    };
  }
}
