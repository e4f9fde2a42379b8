import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { ClocksModule } from '../clocks/clocks.module';
import { OrgModule } from '../org/org.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { SupervisionDeskService } from './supervision-desk.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionModule } from './supervision.module';

/** The supervisor's desk: notices issued by hand. */
@Module({
  imports: [SupervisionModule, PetitionsModule, OrgModule, ClocksModule, AuditModule, AccessModule],
  controllers: [SupervisionController],
  providers: [SupervisionDeskService],
})
export class SupervisionApiModule {}
