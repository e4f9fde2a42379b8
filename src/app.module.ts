import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AssessmentModule } from './assessment/assessment.module';
import { AccessModule } from './access/access.module';
import { AuditTrailModule } from './audit-trail/audit-trail.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CamundaModule } from './camunda/camunda.module';
import { ClocksModule } from './clocks/clocks.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { HardeningModule } from './hardening/hardening.module';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrgAdminModule } from './org/admin/org-admin.module';
import { OrgModule } from './org/org.module';
import { PetitionsModule } from './petitions/petitions.module';
import { ProcessesModule } from './processes/processes.module';
import { PublicityModule } from './publicity/publicity.module';
import { RoutingModule } from './routing/routing.module';
import { ReportsModule } from './reports/reports.module';
import { SupervisionModule } from './supervision/supervision.module';
import { TasksModule } from './tasks/tasks.module';

/** The feature modules; their @TopicHandler methods are what the workers run. */
const FEATURES: Type[] = [
  HardeningModule,
  AuditTrailModule,
  AuthModule,
  OrgModule,
  OrgAdminModule,
  AccessModule,
  PetitionsModule,
  RoutingModule,
  TasksModule,
  NotificationsModule,
  PublicityModule,
  AssessmentModule,
  SupervisionModule,
  ReportsModule,
  ProcessesModule,
  HealthModule,
  IncidentsModule,
];

@Module({})
export class AppModule {
  /** `serveUi` is false for the worker entry point, which has no HTTP server. */
  static forRoot(config: AppConfig, options: { serveUi: boolean }): DynamicModule {
    const ui =
      options.serveUi && existsSync(join(config.uiDist, 'index.html'))
        ? [ServeStaticModule.forRoot({ rootPath: config.uiDist, exclude: ['/api/{*path}'] })]
        : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClocksModule,
        CryptoModule,
        DatabaseModule,
        // Here rather than among the features: the API and the worker entry point both need it, and
        // CamundaModule's deployer records into it.
        AuditModule,
        CamundaModule,
        ...FEATURES,
        ...ui,
      ],
      providers: [ApiExceptionFilter, { provide: APP_FILTER, useExisting: ApiExceptionFilter }],
    };
  }
}
