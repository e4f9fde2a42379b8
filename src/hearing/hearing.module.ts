import { Module } from '@nestjs/common';
import { CamundaModule } from '../camunda/camunda.module';
import { PetitionsModule } from '../petitions/petitions.module';
import { HearingClockHandlers } from './hearing-clock.handlers';

/** 听证: stopping and restarting the calling step's statutory clock around a hearing. */
@Module({ imports: [PetitionsModule, CamundaModule], providers: [HearingClockHandlers] })
export class HearingModule {}
