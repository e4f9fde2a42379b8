import { Module } from '@nestjs/common';
import { PetitionsModule } from '../../petitions/petitions.module';
import { EngineSuccession } from './engine-succession';
import { OrgAdminController } from './org-admin.controller';
import { OrgAdminService } from './org-admin.service';

/** The system administrator's maintenance of regions and units, closing a unit into its successor included. */
@Module({
  imports: [PetitionsModule],
  controllers: [OrgAdminController],
  providers: [OrgAdminService, EngineSuccession],
})
export class OrgAdminModule {}
