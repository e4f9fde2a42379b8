import { AcceptDecisionStep } from './accept-decision.step';
import { ApproveExtensionStep } from './approve-extension.step';
import { DecideDisputeStep } from './decide-dispute.step';
import { DecideReviewStep } from './decide-review.step';
import { RecordHearingStep } from './record-hearing.step';
import { ScheduleHearingStep } from './schedule-hearing.step';
import { ForwardToTownshipStep } from './forward-to-township.step';
import { HandlePetitionStep } from './handle-petition.step';
import { ReplyPetitionStep } from './reply-petition.step';
import { ReviewCompletionReportStep } from './review-completion-report.step';

export const STEP_PROVIDERS = [
  ForwardToTownshipStep,
  AcceptDecisionStep,
  HandlePetitionStep,
  ReplyPetitionStep,
  ReviewCompletionReportStep,
  DecideDisputeStep,
  ApproveExtensionStep,
  DecideReviewStep,
  ScheduleHearingStep,
  RecordHearingStep,
];
