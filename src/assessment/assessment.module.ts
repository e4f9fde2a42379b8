import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { AssessmentLedger } from './assessment-ledger';

/** 目标管理考核: the facts of what each unit did, and their tallies. */
@Module({ imports: [OrgModule], providers: [AssessmentLedger], exports: [AssessmentLedger] })
export class AssessmentModule {}
