import { Injectable } from '@nestjs/common';
import { Topic, Var } from '../camunda/process-contract';
import { ExternalTaskContext, HandlerResult, TopicHandler } from '../camunda/worker-runtime/topic-handler.decorator';
import { Clock } from '../clocks/clock';
import { periodOf } from '../clocks/deadline';
import { previousMonth, ScoresService } from './scores.service';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * close-assessment-period's one step: scores the month and stores the scores. The month is the
 * `period` the administrator asked for, or else (the monthly timer) the month before the current one
 * in China time. A month that has not ended is refused: its scores would be frozen half-way. Errors
 * end in an incident whose message says what to fix (a wrong scoring table: which indicator, which
 * version); the close runs again once the incident is retried.
 */
@Injectable()
export class CloseAssessmentPeriodHandler {
  constructor(
    private readonly scores: ScoresService,
    private readonly clock: Clock,
  ) {}

  @TopicHandler(Topic.closeAssessmentPeriod)
  async close(task: ExternalTaskContext): Promise<HandlerResult> {
    const current = periodOf(this.clock.now());
    const period = task.variable<string>(Var.period) ?? previousMonth(current);
    if (typeof period !== 'string' || !MONTH.test(period)) {
      throw new Error(`period "${String(period)}" is not a month written YYYY-MM / 考核月份「${String(period)}」格式应为 YYYY-MM`);
    }
    if (period >= current) throw new Error(`${period} has not ended and cannot be closed / ${period} 尚未结束，不能结算`);
    await this.scores.closePeriod(period);
    return { [Var.period]: period };
  }
}
