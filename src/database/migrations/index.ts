import { InitialSchema1764150000000 } from './1764150000000-initial-schema';
import { FourTierRouting1764230000000 } from './1764230000000-four-tier-routing';
import { SessionsAndLockOut1764300000000 } from './1764300000000-sessions-and-lock-out';
import { AuditLog1764400000000 } from './1764400000000-audit-log';
import { StatutoryClocks1764500000000 } from './1764500000000-statutory-clocks';
import { IntakeRequests1764600000000 } from './1764600000000-intake-requests';
import { JobLease1764650000000 } from './1764650000000-job-lease';
import { TaskCompletions1764700000000 } from './1764700000000-task-completions';
import { AfterReply1764800000000 } from './1764800000000-after-reply';
import { Hearings1764900000000 } from './1764900000000-hearings';
import { Notices1765000000000 } from './1765000000000-notices';
import { StaffInbox1765100000000 } from './1765100000000-staff-inbox';
import { NoticeService1765200000000 } from './1765200000000-notice-service';
import { AssessmentFacts1765300000000 } from './1765300000000-assessment-facts';
import { AssessmentTally1765400000000 } from './1765400000000-assessment-tally';
import { AssessmentScores1765500000000 } from './1765500000000-assessment-scores';
import { PublicBoard1765600000000 } from './1765600000000-public-board';
import { AnnualReport1765700000000 } from './1765700000000-annual-report';
import { CaseSearch1765800000000 } from './1765800000000-case-search';
import { Attachments1765900000000 } from './1765900000000-attachments';
import { OverdueReportIndexes1766000000000 } from './1766000000000-overdue-report-indexes';
import { ScopedSearchTokens1766100000000 } from './1766100000000-scoped-search-tokens';
import { OpenTaskTally1766400000000 } from './1766400000000-open-task-tally';
import { AuditInbox1766500000000 } from './1766500000000-audit-inbox';
import { AssessmentTallyStripes1766600000000 } from './1766600000000-assessment-tally-stripes';
import { PipelineCountIndex1766700000000 } from './1766700000000-pipeline-count-index';

export const MIGRATIONS = [
  InitialSchema1764150000000,
  FourTierRouting1764230000000,
  SessionsAndLockOut1764300000000,
  AuditLog1764400000000,
  StatutoryClocks1764500000000,
  IntakeRequests1764600000000,
  JobLease1764650000000,
  TaskCompletions1764700000000,
  AfterReply1764800000000,
  Hearings1764900000000,
  Notices1765000000000,
  StaffInbox1765100000000,
  NoticeService1765200000000,
  AssessmentFacts1765300000000,
  AssessmentTally1765400000000,
  AssessmentScores1765500000000,
  PublicBoard1765600000000,
  AnnualReport1765700000000,
  CaseSearch1765800000000,
  Attachments1765900000000,
  OverdueReportIndexes1766000000000,
  ScopedSearchTokens1766100000000,
  OpenTaskTally1766400000000,
  AuditInbox1766500000000,
  AssessmentTallyStripes1766600000000,
  PipelineCountIndex1766700000000,
];
