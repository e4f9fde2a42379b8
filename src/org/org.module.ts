import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoSeeder } from './demo/demo-seeder';
import { OrgController } from './org.controller';
import { OrgService } from './org.service';
import { Region } from './region.entity';
import { Unit } from './unit.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Region, Unit])],
  controllers: [OrgController],
  providers: [OrgService, DemoSeeder],
  exports: [OrgService, DemoSeeder],
})
export class OrgModule {}
