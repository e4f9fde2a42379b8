import { Module } from '@nestjs/common';
import { AssessHandler } from './assess.handler';

@Module({ providers: [AssessHandler] })
export class AssessmentModule {}
