import { DynamicModule, Type } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { CamundaModule } from './camunda/camunda.module';
import { CalendarModule } from './calendar/calendar.module';
import { ClocksModule } from './clocks/clocks.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PetitionsModule } from './petitions/petitions.module';
import { PublicityModule } from './publicity/publicity.module';
import { RatingModule } from './rating/rating.module';
import { ReviewModule } from './review/review.module';
import { HearingModule } from './hearing/hearing.module';
import { InboxModule } from './inbox/inbox.module';
import { MetricsModule } from './metrics/metrics.module';
import { RoutingModule } from './routing/routing.module';
import { ScoresModule } from './scores/scores.module';
import { SupervisionModule } from './supervision/supervision.module';
import { TaskIndexModule } from './tasks/index/task-index.module';

/** What every process is built on: the configuration and the database connection (global), and the engine. */
export function foundation(config: AppConfig): (DynamicModule | Type)[] {
  return [ConfigModule.forRoot(config), DatabaseModule, MetricsModule, ClocksModule, CalendarModule, AuditModule, CamundaModule];
}

/**
 * The feature modules whose @TopicHandler methods the workers run. They declare no controllers:
 * the worker process is built from these alone, the API from these and its HTTP modules.
 */
export const WORKER_FEATURES: Type[] = [
  PetitionsModule,
  RoutingModule,
  NotificationsModule,
  PublicityModule,
  SupervisionModule,
  TaskIndexModule,
  RatingModule,
  ReviewModule,
  HearingModule,
  InboxModule,
  ScoresModule,
];
