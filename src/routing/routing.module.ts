import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Petition } from '../petitions/petition.entity';
import { RouteHandler } from './route.handler';

@Module({
  imports: [TypeOrmModule.forFeature([Petition])],
  providers: [RouteHandler],
})
export class RoutingModule {}
