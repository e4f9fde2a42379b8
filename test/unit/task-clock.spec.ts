import { deadlineFor } from '../../src/clocks/deadline';
import { CLOCK_NAMES, CLOCKS, ClockName, clockPolicy, clockVariables, configureClockPolicy, STEP_CLOCKS } from '../../src/clocks/task-clock';
import { cst, periodEnd, workingDaysAfter, workingDaysBefore } from '../support/statutory-calendar';

/** CLOCK_REMINDER_LEAD_WORKING_DAYS and CLOCK_DISCIPLINE_GRACE_WORKING_DAYS when nobody configures them. */
const REMINDER_LEAD_WORKING_DAYS = 2;
const DISCIPLINE_GRACE_WORKING_DAYS = 5;

/** The reminder rule: the lead before the deadline, but never in the first half of the period. */
function expectedReminder(start: Date, dueAt: Date, lead = REMINDER_LEAD_WORKING_DAYS): Date {
  const ahead = workingDaysBefore(dueAt, lead);
  const halfway = new Date(start.getTime() + Math.floor((dueAt.getTime() - start.getTime()) / 2));
  return ahead > halfway ? ahead : halfway;
}

describe('the clock policy when nothing is configured', () => {
  it('reminds 2 working days ahead and recommends discipline 5 working days after the deadline', () => {
    expect(clockPolicy()).toEqual({
      reminderLeadWorkingDays: REMINDER_LEAD_WORKING_DAYS,
      disciplineGraceWorkingDays: DISCIPLINE_GRACE_WORKING_DAYS,
    });
  });
});

describe('every user task is due by its statutory period', () => {
  // received late in the evening before the 2026 Spring Festival
  const start = cst('2026-02-12T23:30:00');

  it.each([
    ['forward-to-township', 1, 'working-days', '2026-02-13'], // the agent station's forwarding period
    ['decide-dispute-county', 15, 'calendar-days', '2026-02-27'], // Art. 22
    ['decide-dispute-city', 15, 'calendar-days', '2026-02-27'], // Art. 22
    ['accept-decision', 15, 'calendar-days', '2026-02-27'], // Art. 23
    ['handle-petition', 60, 'calendar-days', '2026-04-13'], // Art. 34
    ['reply-petition', 60, 'calendar-days', '2026-04-13'], // Art. 34
    ['review-completion-report', 10, 'working-days', '2026-03-04'],
    ['approve-extension', 3, 'working-days', '2026-02-24'],
    ['decide-review', 30, 'calendar-days', '2026-03-14'], // Art. 35
    ['decide-re-review', 30, 'calendar-days', '2026-03-14'], // Art. 36
    ['schedule-hearing', 30, 'calendar-days', '2026-03-14'], // provincial hearing rule
    ['record-hearing', 30, 'calendar-days', '2026-03-14'],
  ] as const)('%s: %i %s, to 24:00 on %s', (step, days, counted, lastDay) => {
    const due = deadlineFor(CLOCKS[STEP_CLOCKS[step]], start);
    expect(due).toEqual(cst(`${lastDay}T23:59:59.999`));
    expect(due).toEqual(periodEnd(start, days, counted));
  });

  it('knows no clock for a step that is not a user task', () => {
    expect(STEP_CLOCKS['some-new-task']).toBeUndefined();
    expect(Object.keys(STEP_CLOCKS)).toHaveLength(12);
  });

  it('names the clocks as the diagrams do (${<clock>DueDate})', () => {
    expect([...CLOCK_NAMES].sort()).toEqual(['accept', 'approval', 'decision', 'forward', 'handle', 'hearing', 'reReviewOpinion', 'review', 'reviewOpinion']);
  });
});

describe('the reminder, the due date and the disciplinary recommendation of a task', () => {
  it('an acceptance decision received on 12 February: reminded 2 working days ahead, discipline 5 working days after', () => {
    // given a matter received at 23:30 on Thursday 12 February 2026: 15 days end at 24:00 on Friday 27 February
    const start = cst('2026-02-12T23:30:00');
    const due = deadlineFor('acceptance', start);
    // when its clock is set
    const clock = clockVariables('accept', start, due);
    // then the unit is reminded at 00:00 on Wednesday the 25th (26th, 25th are the two working days before),
    // and discipline is recommended after Saturday 28 February (make-up day), 2, 3, 4 and 5 March
    expect(clock).toEqual({
      acceptDueDate: cst('2026-02-27T23:59:59.999'),
      acceptRemindAt: cst('2026-02-25T00:00:00.000'),
      acceptDisciplineAt: cst('2026-03-05T23:59:59.999'),
    });
    expect(clock.acceptRemindAt).toEqual(workingDaysBefore(due, REMINDER_LEAD_WORKING_DAYS));
    expect(clock.acceptDisciplineAt).toEqual(workingDaysAfter(due, DISCIPLINE_GRACE_WORKING_DAYS));
  });

  it('a handling period ending after the Spring Festival: reminded on the make-up Saturday before it', () => {
    // 60 days from Saturday 27 December 2025 end at 24:00 on Wednesday 25 February 2026
    const start = cst('2025-12-27T09:00:00');
    const due = deadlineFor('handling', start);
    expect(due).toEqual(cst('2026-02-25T23:59:59.999'));
    // two working days before the 25th: the 24th, then (15–23 off) Saturday the 14th, worked in lieu
    // discipline 5 working days after: 26th, 27th, Saturday 28th (make-up), 2 and 3 March
    expect(clockVariables('handle', start, due)).toEqual({
      handleDueDate: due,
      handleRemindAt: cst('2026-02-14T00:00:00.000'),
      handleDisciplineAt: cst('2026-03-03T23:59:59.999'),
    });
  });

  it('a one-day forwarding period: the reminder comes halfway, not with the task itself', () => {
    // given a petition filed at a village station at 23:30 on Friday 13 February: 1 working day is Saturday the 14th (make-up day)
    const start = cst('2026-02-13T23:30:00');
    const due = deadlineFor('agentForwarding', start);
    expect(due).toEqual(cst('2026-02-14T23:59:59.999'));
    // two working days before the 14th would be 00:00 on the 12th, before the task even existed;
    // halfway between 23:30 on the 13th and 24:00 on the 14th is 11:44:59.999 on the 14th
    expect(clockVariables('forward', start, due)).toEqual({
      forwardDueDate: due,
      forwardRemindAt: cst('2026-02-14T11:44:59.999'),
      forwardDisciplineAt: cst('2026-02-28T23:59:59.999'), // 24, 25, 26, 27, 28 February
    });
  });

  const STARTS = [
    cst('2026-02-12T23:30:00'),
    new Date('2026-02-13T16:00:00.001Z'), // just after midnight on the make-up Saturday
    cst('2026-02-18T10:00:00'), // in the Spring Festival
    cst('2026-02-28T00:30:00'), // make-up Saturday, month end
    cst('2026-04-30T23:59:59.999'),
    cst('2026-09-30T17:00:00'), // before the National Day week
  ];
  const LIMITS: [ClockName, number, 'calendar-days' | 'working-days'][] = [
    ['forward', 1, 'working-days'],
    ['decision', 15, 'calendar-days'],
    ['accept', 15, 'calendar-days'],
    ['handle', 60, 'calendar-days'],
    ['handle', 10, 'working-days'], // the simplified path runs on the handling clock
    ['review', 10, 'working-days'],
    ['approval', 3, 'working-days'],
  ];
  const cases = LIMITS.flatMap(([name, days, counted]) => STARTS.map((start) => [name, days, counted, start] as const));

  it.each(cases)('%s (%i %s) from %p: reminded in the second half of the period, disciplined 5 working days late', (name, days, counted, start) => {
    const due = periodEnd(start, days, counted);
    const clock = clockVariables(name, start, due);
    expect(clock).toEqual({
      [`${name}DueDate`]: due,
      [`${name}RemindAt`]: expectedReminder(start, due),
      [`${name}DisciplineAt`]: workingDaysAfter(due, DISCIPLINE_GRACE_WORKING_DAYS),
    });
    expect(clock[`${name}RemindAt`].getTime()).toBeGreaterThanOrEqual(start.getTime() + (due.getTime() - start.getTime()) / 2 - 1);
    expect(clock[`${name}RemindAt`].getTime()).toBeLessThan(due.getTime());
  });
});

describe('a configured clock policy (CLOCK_REMINDER_LEAD_WORKING_DAYS, CLOCK_DISCIPLINE_GRACE_WORKING_DAYS)', () => {
  const defaults = { ...clockPolicy() };
  afterEach(() => configureClockPolicy(defaults));

  it('moves the reminder and the disciplinary recommendation', () => {
    // given a city that reminds 1 working day ahead and allows 10 working days before discipline
    configureClockPolicy({ reminderLeadWorkingDays: 1, disciplineGraceWorkingDays: 10 });
    const start = cst('2026-02-12T23:30:00');
    const due = deadlineFor('acceptance', start);
    // then an acceptance due at 24:00 on 27 February is reminded at 00:00 on the 26th, and discipline
    // follows 28 February (make-up), 2–6 and 9–12 March
    expect(clockVariables('accept', start, due)).toEqual({
      acceptDueDate: due,
      acceptRemindAt: cst('2026-02-26T00:00:00.000'),
      acceptDisciplineAt: cst('2026-03-12T23:59:59.999'),
    });
    expect(clockPolicy()).toEqual({ reminderLeadWorkingDays: 1, disciplineGraceWorkingDays: 10 });
  });
});
