import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgService } from './org.service';
import { Region } from './region.entity';
import { Unit } from './unit.entity';

/** The region tree and the units in it, as every feature reads them. */
@Module({
  imports: [TypeOrmModule.forFeature([Region, Unit])],
  providers: [OrgService],
  exports: [OrgService],
})
export class OrgModule {}
