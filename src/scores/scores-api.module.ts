import { Module } from '@nestjs/common';
import { ScoresController } from './scores.controller';
import { ScoresModule } from './scores.module';

/** The scores' HTTP routes: the ranking, its Excel export, and a request to close a month. */
@Module({ imports: [ScoresModule], controllers: [ScoresController] })
export class ScoresApiModule {}
