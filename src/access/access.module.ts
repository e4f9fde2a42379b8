import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { AccessPolicy } from './access-policy';

/** Who may see and do what, for every module that answers a person. */
@Module({ imports: [OrgModule], providers: [AccessPolicy], exports: [AccessPolicy] })
export class AccessModule {}
