import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PetitionsModule } from '../petitions/petitions.module';
import { HandOver } from './hand-over.entity';
import { HandOverService } from './hand-over.service';
import { RouteHandler } from './route.handler';
import { RoutingPlanner } from './routing-planner';
import { OrgModule } from '../org/org.module';
import { ClocksModule } from '../clocks/clocks.module';

@Module({
  imports: [OrgModule, ClocksModule, PetitionsModule, TypeOrmModule.forFeature([HandOver])],
  providers: [RouteHandler, RoutingPlanner, HandOverService],
  exports: [HandOverService, RoutingPlanner],
})
export class RoutingModule {}
