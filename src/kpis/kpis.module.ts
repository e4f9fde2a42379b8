import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { OrgModule } from '../org/org.module';
import { KpisController } from './kpis.controller';
import { KpisService } from './kpis.service';

/** 目标管理考核: unit KPIs read from the assessment facts. */
@Module({ imports: [AccessModule, OrgModule], controllers: [KpisController], providers: [KpisService] })
export class KpisModule {}
