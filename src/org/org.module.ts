import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClocksModule } from '../clocks/clocks.module';
import { DemoSeeder } from './demo/demo-seeder';
import { OrgService } from './org.service';
import { Region } from './region.entity';
import { Unit } from './unit.entity';

/** The region tree and the units in it, as every feature reads them. */
@Module({
  imports: [ClocksModule, TypeOrmModule.forFeature([Region, Unit])],
  providers: [OrgService, DemoSeeder],
  exports: [OrgService, DemoSeeder],
})
export class OrgModule {}
