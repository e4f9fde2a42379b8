import { Module } from '@nestjs/common';
import { DeadlineHandler } from './deadline.handler';

@Module({ providers: [DeadlineHandler] })
export class SupervisionModule {}
