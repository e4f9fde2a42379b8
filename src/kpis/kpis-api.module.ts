import { Module } from '@nestjs/common';
import { KpisController } from './kpis.controller';
import { KpisModule } from './kpis.module';

/** The KPI routes: figures, trend, drill-down and export. */
@Module({ imports: [KpisModule], controllers: [KpisController] })
export class KpisApiModule {}
