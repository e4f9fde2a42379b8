import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module';
import { ProcessesController } from './processes.controller';
import { ProcessesService } from './processes.service';

@Module({ imports: [DefinitionsModule], controllers: [ProcessesController], providers: [ProcessesService] })
export class ProcessesModule {}
