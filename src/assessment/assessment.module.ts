import { Module } from '@nestjs/common';
import { PetitionsModule } from '../petitions/petitions.module';
import { AssessHandler } from './assess.handler';

@Module({ imports: [PetitionsModule], providers: [AssessHandler] })
export class AssessmentModule {}
