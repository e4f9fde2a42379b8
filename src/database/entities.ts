import { AssessmentFact } from '../assessment/assessment-fact.entity';
import { AuditEntry, AuditHead } from '../audit/audit-entry.entity';
import { Session } from '../auth/session.entity';
import { User } from '../auth/user.entity';
import { CalendarDay } from '../clocks/calendar/calendar-day.entity';
import { Notification } from '../notifications/notification.entity';
import { Region } from '../org/region.entity';
import { Unit } from '../org/unit.entity';
import { NumberSequence } from '../petitions/number-sequence.entity';
import { Petition } from '../petitions/petition.entity';
import { PetitionEvent } from '../petitions/petition-event.entity';
import { Petitioner } from '../petitions/petitioner.entity';
import { Publication } from '../publicity/publication.entity';
import { HandOver } from '../routing/hand-over.entity';
import { SupervisionRecord } from '../supervision/supervision-record.entity';
import { ExtensionRequest } from '../tasks/extension/extension-request.entity';
import { OpenTask } from '../tasks/index/open-task.entity';
import { TaskCompletion } from '../petitions/lifecycle/task-completion.entity';
import { DirectReport } from '../petitions/direct-report.entity';
import { IntakeRequest } from '../petitions/intake-request.entity';
import { JobLease } from '../scheduling/job-lease.entity';

export const ENTITIES = [
  Region,
  Unit,
  User,
  Session,
  CalendarDay,
  Petition,
  Petitioner,
  PetitionEvent,
  NumberSequence,
  Notification,
  Publication,
  AssessmentFact,
  HandOver,
  DirectReport,
  AuditEntry,
  AuditHead,
  SupervisionRecord,
  ExtensionRequest,
  OpenTask,
  IntakeRequest,
  JobLease,
  TaskCompletion,
];
