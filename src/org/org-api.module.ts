import { Module } from '@nestjs/common';
import { OrgController } from './org.controller';
import { OrgModule } from './org.module';

@Module({ imports: [OrgModule], controllers: [OrgController] })
export class OrgApiModule {}
