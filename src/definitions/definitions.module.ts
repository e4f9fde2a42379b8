import { Module } from '@nestjs/common';
import { DecisionCatalog } from './decision-catalog.service';
import { DecisionsController } from './decisions.controller';
import { FormsCatalog } from './forms-catalog.service';
import { FormsController } from './forms.controller';
import { ProcessCatalog } from './process-catalog.service';
import { CamundaModule } from '../camunda/camunda.module';

/** The catalogue of deployed process, decision and form definitions that the web modeler browses. */
@Module({
  imports: [CamundaModule],
  controllers: [DecisionsController, FormsController],
  providers: [ProcessCatalog, DecisionCatalog, FormsCatalog],
  exports: [ProcessCatalog],
})
export class DefinitionsModule {}
