import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { ClocksModule } from '../clocks/clocks.module';
import { Hearing } from '../hearing/hearing.entity';
import { KpisModule } from '../kpis/kpis.module';
import { OrgModule } from '../org/org.module';
import { Petitioner } from '../petitions/petitioner.entity';
import { PetitionsModule } from '../petitions/petitions.module';
import { Publication } from '../publicity/publication.entity';
import { BoardExclusion } from './board-exclusion.entity';
import { BoardExclusionsController } from './board-exclusions.controller';
import { BoardExclusionsService } from './board-exclusions.service';
import { BoardFiguresService } from './board-figures.service';
import { PublicBoardController } from './public-board.controller';
import { PublicBoardService } from './public-board.service';

/** 公告公示: the public notice board and the supervisors' exclusions from it. */
@Module({
  imports: [
    PetitionsModule,
    OrgModule,
    AccessModule,
    AuditModule,
    ClocksModule,
    KpisModule,
    TypeOrmModule.forFeature([BoardExclusion, Publication, Hearing, Petitioner]),
  ],
  controllers: [PublicBoardController, BoardExclusionsController],
  providers: [PublicBoardService, BoardExclusionsService, BoardFiguresService],
})
export class PublicBoardModule {}
