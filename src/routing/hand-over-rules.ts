import { Decision, DecisionValue } from '../camunda/process-contract';
import type { Level } from '../org/org.types';
import type { Unit } from '../org/unit.entity';

/** What a unit holding a petition may decide, and why not when it may not. */
export interface HoldingContext {
  holder: Unit;
  holderLevel: Level;
  /** The unit that sent it here (by routing, transfer, assignment or report-up), if another one. */
  sender: Unit | null;
  /** A superior's decision put it here: it cannot be returned or disputed again. */
  bound: boolean;
  /** End of the 5-working-day window for a return (Art. 23). */
  returnWindowEnds: Date | null;
  /** Where a report-up goes; null at the city. */
  reportUpTo: Unit | null;
  now: Date;
}

export type Refusal = { 'zh-CN': string; en: string };

export function refusalOf(decision: DecisionValue, ctx: HoldingContext): Refusal | null {
  switch (decision) {
    case Decision.assignDown:
      return ctx.holderLevel === 'city' || ctx.holderLevel === 'county'
        ? null
        : { 'zh-CN': '只有市、县两级可以向下交办', en: 'Only city and county units can assign down' };
    case Decision.reportUp:
      return ctx.reportUpTo
        ? null
        : { 'zh-CN': '市级没有可以报请的上级信访部门', en: 'There is no office above the city to report up to' };
    case Decision.return:
    case Decision.dispute: {
      if (ctx.bound) {
        return {
          'zh-CN': '上级已就本事项的办理单位作出决定，不能再退回或提出异议',
          en: 'A superior has decided who handles this matter; it cannot be returned or disputed again',
        };
      }
      if (!ctx.sender) {
        return {
          'zh-CN': '本事项不是由其他单位转来的，没有可退回的单位',
          en: 'No other unit sent this matter here, so there is nobody to return it to',
        };
      }
      if (decision === Decision.return && ctx.returnWindowEnds && ctx.now > ctx.returnWindowEnds) {
        return {
          'zh-CN': '已超过5个工作日的退回期限（信访工作条例第二十三条），请办理或提请共同上级裁决（异议）',
          en: 'The 5-working-day return window (Art. 23) has passed; handle it or raise a dispute with the common superior',
        };
      }
      return null;
    }
    default:
      return null;
  }
}

export function allowedDecisions(ctx: HoldingContext): DecisionValue[] {
  return Object.values(Decision).filter((decision) => refusalOf(decision, ctx) === null);
}
