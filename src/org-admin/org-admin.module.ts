import { Module } from '@nestjs/common';
import { PetitionsModule } from '../petitions/petitions.module';
import { EngineSuccession } from './engine-succession';
import { OrgAdminController } from './org-admin.controller';
import { OrgAdminService } from './org-admin.service';
import { OrgModule } from '../org/org.module';
import { ClocksModule } from '../clocks/clocks.module';
import { AuditModule } from '../audit/audit.module';
import { CamundaModule } from '../camunda/camunda.module';

/** The system administrator's maintenance of regions and units, closing a unit into its successor included. */
@Module({
  imports: [OrgModule, ClocksModule, AuditModule, CamundaModule, PetitionsModule],
  controllers: [OrgAdminController],
  providers: [OrgAdminService, EngineSuccession],
})
export class OrgAdminModule {}
