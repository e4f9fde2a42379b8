import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarDay } from './calendar/calendar-day.entity';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock, SystemClock } from './clock';
import { configureClockPolicy } from './task-clock';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CalendarDay])],
  controllers: [CalendarController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    CalendarService,
    // Deadline arithmetic is plain functions; the policy they read is set here, once.
    { provide: 'CLOCK_POLICY', inject: [APP_CONFIG], useFactory: (config: AppConfig) => configureClockPolicy(config.clocks) },
  ],
  exports: [Clock, CalendarService],
})
export class ClocksModule {}
