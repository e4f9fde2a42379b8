import { Module } from '@nestjs/common';
import { ClocksModule } from '../clocks/clocks.module';
import { DemoSeeder } from './demo-seeder';

/** The demo city and its accounts, loaded by the API on start when SEED_DEMO is on. */
@Module({ imports: [ClocksModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
