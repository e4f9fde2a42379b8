import { BusinessCalendar } from '../../src/clocks/business-calendar';
import { addCalendarDays, deadlineFor } from '../../src/clocks/deadline';
import { TIME_LIMITS, TimeLimitName } from '../../src/clocks/time-limits';
import { cst, daysOfYear, endOfChinaDay, isWorkingDay, periodEnd } from '../support/statutory-calendar';

/**
 * Every time limit, as the regulation (信访工作条例, 2022) and the city's own rules state it. Written out
 * here, not read from src/clocks/time-limits.ts: a period one day short must fail a test.
 */
const REGULATION: { limit: TimeLimitName; days: number; counted: 'calendar-days' | 'working-days'; article: string }[] = [
  { limit: 'routing', days: 15, counted: 'calendar-days', article: '信访工作条例 第二十二条' },
  { limit: 'acceptance', days: 15, counted: 'calendar-days', article: '信访工作条例 第二十三条' },
  { limit: 'return', days: 5, counted: 'working-days', article: '信访工作条例 第二十三条' },
  { limit: 'agentForwarding', days: 1, counted: 'working-days', article: '本市信访代办工作规则' },
  { limit: 'handling', days: 60, counted: 'calendar-days', article: '信访工作条例 第三十四条' },
  { limit: 'simplified', days: 10, counted: 'working-days', article: '本市信访事项简易办理规定' },
  { limit: 'extension', days: 30, counted: 'calendar-days', article: '信访工作条例 第三十四条' },
  { limit: 'completionReview', days: 10, counted: 'working-days', article: '本市信访事项交办工作规则' },
  { limit: 'extensionApproval', days: 3, counted: 'working-days', article: '本市信访工作规则' },
  { limit: 'supervisionFeedback', days: 5, counted: 'working-days', article: '信访工作条例 第三十九条' },
  { limit: 'reviewRequest', days: 30, counted: 'calendar-days', article: '信访工作条例 第三十五条' },
  { limit: 'review', days: 30, counted: 'calendar-days', article: '信访工作条例 第三十五条' },
  { limit: 'reReviewRequest', days: 30, counted: 'calendar-days', article: '信访工作条例 第三十六条' },
  { limit: 'reReview', days: 30, counted: 'calendar-days', article: '信访工作条例 第三十六条' },
  { limit: 'rating', days: 30, counted: 'calendar-days', article: '本市信访事项满意度评价办法' },
  { limit: 'hearing', days: 30, counted: 'calendar-days', article: '省信访听证办法（本地配置）' },
  { limit: 'hearingNotice', days: 7, counted: 'calendar-days', article: '省信访听证办法（本地配置）' },
];

/**
 * Starts chosen where a period is easiest to get wrong: across the 2026 Spring Festival (15–23 February
 * off, Saturdays 14 and 28 February worked), on a make-up working day, at a month end, late in the
 * evening China time (still the previous UTC day's afternoon) and just after midnight China time (still
 * the previous day in UTC).
 */
const STARTS: [string, Date][] = [
  ['late on the evening before the Spring Festival (23:30 China = 15:30Z)', new Date('2026-02-12T15:30:00Z')],
  ['just after midnight on the make-up Saturday 14 February', new Date('2026-02-13T16:00:00.001Z')],
  ['in the middle of the Spring Festival holiday', cst('2026-02-18T10:00:00')],
  ['just after midnight on the make-up Saturday 28 February, the last day of the month', cst('2026-02-28T00:30:00')],
  ['in the last millisecond of April, before the May Day holiday (make-up Saturday 9 May)', cst('2026-04-30T23:59:59.999')],
  ['at midnight sharp on an ordinary Sunday', cst('2026-11-29T00:00:00')],
];

describe('the time-limit table says what the regulation says', () => {
  it('has exactly the limits the regulation sets', () => {
    expect(Object.keys(TIME_LIMITS).sort()).toEqual(REGULATION.map((r) => r.limit).sort());
  });

  it.each(REGULATION)('$limit: $days $counted ($article)', ({ limit, days, counted, article }) => {
    // the view shows the days, how they are counted and the article to petitioners and units
    expect(TIME_LIMITS[limit]).toMatchObject({ days, unit: counted, article });
    expect(TIME_LIMITS[limit].description.trim()).not.toBe('');
  });
});

describe('every statutory period ends at 24:00 China time of its last day, counted per the 2026 schedule', () => {
  describe.each(REGULATION)('$limit ($days $counted)', ({ limit, days, counted }) => {
    it.each(STARTS)('started %s', (_label, start) => {
      expect(deadlineFor(limit, start)).toEqual(periodEnd(start, days, counted));
    });
  });
});

describe('the periods from a matter received at 23:30 on Thursday 12 February 2026, worked out by hand', () => {
  // Working days after it: Fri 13, Sat 14 (make-up), [15–23 Spring Festival], Tue 24, Wed 25, Thu 26, Fri 27,
  // Sat 28 (make-up), [Sun 1 March], Mon 2, Tue 3, Wed 4 March.
  const received = cst('2026-02-12T23:30:00');

  it.each([
    ['agentForwarding', '2026-02-13'], // 1 working day
    ['extensionApproval', '2026-02-24'], // 3 working days: 13, 14, 24
    ['return', '2026-02-26'], // 5 working days (Art. 23)
    ['supervisionFeedback', '2026-02-26'], // 5 working days (Art. 39)
    ['simplified', '2026-03-04'], // 10 working days
    ['completionReview', '2026-03-04'], // 10 working days
    ['routing', '2026-02-27'], // 15 days (Art. 22)
    ['acceptance', '2026-02-27'], // 15 days (Art. 23)
    ['extension', '2026-03-14'], // 30 days: 16 left in February, 14 in March
    ['handling', '2026-04-13'], // 60 days (Art. 34): 16 + 31 + 13
  ] as [TimeLimitName, string][])('%s ends at 24:00 on %s', (limit, lastDay) => {
    const due = deadlineFor(limit, received);
    expect(due).toEqual(cst(`${lastDay}T23:59:59.999`));
    // and the hand-written fixture agrees, so the table-driven cases above rest on checked arithmetic
    const { days, counted } = REGULATION.find((r) => r.limit === limit)!;
    expect(periodEnd(received, days, counted)).toEqual(due);
  });

  it('one millisecond later, on the next China day, every period starts a day later', () => {
    const nextDay = cst('2026-02-13T00:00:00.000');
    expect(deadlineFor('acceptance', nextDay)).toEqual(cst('2026-02-28T23:59:59.999'));
    expect(deadlineFor('agentForwarding', nextDay)).toEqual(cst('2026-02-14T23:59:59.999'));
  });
});

describe('an extension adds at most 30 days to the handling period (Art. 34)', () => {
  it('moves a deadline of 24:00 on 27 February 30 days on, to 24:00 on 29 March', () => {
    // approve-extension.step adds the approved days to the current deadline, itself the last millisecond of a day
    const handleDueAt = cst('2026-02-27T23:59:59.999');
    expect(addCalendarDays(handleDueAt, 30)).toEqual(cst('2026-03-29T23:59:59.999'));
    expect(addCalendarDays(handleDueAt, 30)).toEqual(endOfChinaDay('2026-03-29'));
  });
});

describe('the hand-written schedule is the one the product counts by', () => {
  it('agrees with the business calendar on every day of 2026', () => {
    const calendar = new BusinessCalendar();
    const disagreements = daysOfYear(2026).filter((day) => calendar.isWorkday(day) !== isWorkingDay(day));
    expect(disagreements).toEqual([]);
    expect(daysOfYear(2026)).toHaveLength(365);
  });
});
