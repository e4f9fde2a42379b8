import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ClocksModule } from '../clocks/clocks.module';
import { CalendarDay } from './calendar-day.entity';
import { CalendarService } from './calendar.service';

/**
 * The business calendar (holidays and adjusted working days): every process that computes a
 * deadline loads it, the workers as well as the API.
 */
@Module({
  imports: [ClocksModule, AuditModule, TypeOrmModule.forFeature([CalendarDay])],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
