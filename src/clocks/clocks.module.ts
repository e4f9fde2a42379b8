import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarDay } from './calendar/calendar-day.entity';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { Clock, SystemClock } from './clock';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CalendarDay])],
  controllers: [CalendarController],
  providers: [{ provide: Clock, useClass: SystemClock }, CalendarService],
  exports: [Clock, CalendarService],
})
export class ClocksModule {}
