import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { KpisService } from './kpis.service';

/** 目标管理考核: unit KPIs read from the assessment tallies (no routes: the scoring worker uses it too). */
@Module({ imports: [AccessModule, OrgModule, PetitionsModule], providers: [KpisService], exports: [KpisService] })
export class KpisModule {}
