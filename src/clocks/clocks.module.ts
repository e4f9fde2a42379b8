import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock, SystemClock } from './clock';
import { configureClockPolicy } from './task-clock';

/** The clock everything reads the time from, and the policy of the statutory clocks. */
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    // Deadline arithmetic is plain functions; the policy they read is set here, once.
    { provide: 'CLOCK_POLICY', inject: [APP_CONFIG], useFactory: (config: AppConfig) => configureClockPolicy(config.clocks) },
  ],
  exports: [Clock],
})
export class ClocksModule {}
