import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { ClocksModule } from '../clocks/clocks.module';
import { CryptoModule } from '../crypto/crypto.module';
import { OrgModule } from '../org/org.module';
import { RepresentativesController } from './representatives.controller';
import { RepresentativesService } from './representatives.service';

/** 群众代表: the register, and what representatives contribute to cases. */
@Module({
  imports: [AccessModule, AuditModule, ClocksModule, CryptoModule, OrgModule],
  controllers: [RepresentativesController],
  providers: [RepresentativesService],
  exports: [RepresentativesService],
})
export class RepresentativesModule {}
