import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module';
import { ProcessesController } from './processes.controller';
import { ProcessesService } from './processes.service';
import { CamundaModule } from '../camunda/camunda.module';

@Module({ imports: [CamundaModule, DefinitionsModule], controllers: [ProcessesController], providers: [ProcessesService] })
export class ProcessesModule {}
