import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EngineSuccession } from './admin/engine-succession';
import { OrgAdminController } from './admin/org-admin.controller';
import { OrgAdminService } from './admin/org-admin.service';
import { DemoSeeder } from './demo/demo-seeder';
import { OrgController } from './org.controller';
import { OrgService } from './org.service';
import { Region } from './region.entity';
import { Unit } from './unit.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Region, Unit])],
  controllers: [OrgController, OrgAdminController],
  providers: [OrgService, DemoSeeder, OrgAdminService, EngineSuccession],
  exports: [OrgService, DemoSeeder],
})
export class OrgModule {}
