import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Petition } from '../petitions/petition.entity';
import { HandOver } from './hand-over.entity';
import { HandOverService } from './hand-over.service';
import { RouteHandler } from './route.handler';
import { RoutingPlanner } from './routing-planner';

@Module({
  imports: [TypeOrmModule.forFeature([Petition, HandOver])],
  providers: [RouteHandler, RoutingPlanner, HandOverService],
  exports: [HandOverService, RoutingPlanner],
})
export class RoutingModule {}
