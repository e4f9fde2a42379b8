import { Global, Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { AccessPolicy } from './access-policy';

@Global()
@Module({ imports: [OrgModule], providers: [AccessPolicy], exports: [AccessPolicy] })
export class AccessModule {}
