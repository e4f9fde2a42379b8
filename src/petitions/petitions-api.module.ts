import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ClocksModule } from '../clocks/clocks.module';
import { CryptoModule } from '../crypto/crypto.module';
import { OrgModule } from '../org/org.module';
import { IntakeRequest } from './intake-request.entity';
import { IntakePacer } from './intake-pacer';
import { PetitionIntake } from './petition-intake.service';
import { PetitionsController } from './petitions.controller';
import { PetitionsModule } from './petitions.module';

/** Registration at the desk. */
@Module({
  imports: [PetitionsModule, AuditModule, ClocksModule, CryptoModule, OrgModule, TypeOrmModule.forFeature([IntakeRequest])],
  controllers: [PetitionsController],
  providers: [PetitionIntake, IntakePacer],
})
export class PetitionsApiModule {}
