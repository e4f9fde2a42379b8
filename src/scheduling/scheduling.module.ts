import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { ClusterLease } from './cluster-lease';
import { PeriodicJobs } from './periodic-jobs';

/** Periodic jobs that run once per cluster (a lease row per job in the business database). */
@Module({
  imports: [ClocksModule],
  providers: [ClusterLease, PeriodicJobs],
  exports: [ClusterLease, PeriodicJobs],
})
export class SchedulingModule {}
