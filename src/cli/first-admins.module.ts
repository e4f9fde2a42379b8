import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { User } from '../auth/user.entity';
import { ClocksModule } from '../clocks/clocks.module';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { Region } from '../org/region.entity';
import { Unit } from '../org/unit.entity';
import { FirstAdminsService } from './first-admins.service';

/**
 * Just enough of the application for `npm run admin:init`: the configuration, the database and the
 * audit log. No engine, no HTTP, no workers: the command must run before anything else is set up.
 */
@Module({})
export class FirstAdminsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: FirstAdminsModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, ClocksModule, AuditModule, TypeOrmModule.forFeature([User, Region, Unit])],
      providers: [FirstAdminsService],
    };
  }
}
