import { addCalendarDays, addWorkingDays, chinaDate, deadlineFor, periodOf } from '../../src/clocks/deadline';

/** The same moment written in China time, for readable expectations. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('statutory periods in calendar days (民法典 第二百零一条)', () => {
  it('counts from the next day and ends at 24:00 China time of the last day', () => {
    // given a matter received on 26 November at 10:00
    // when it has 15 days
    const due = addCalendarDays(cst('2026-11-26T10:00:00'), 15);
    // then day 1 is 27 November and day 15 ends at midnight after 11 December
    expect(due).toEqual(cst('2026-12-11T23:59:59.999'));
  });

  it('gives the same deadline for any time of the starting day', () => {
    const early = addCalendarDays(cst('2026-11-26T00:00:00'), 15);
    const late = addCalendarDays(cst('2026-11-26T23:59:59.999'), 15);
    expect(early).toEqual(cst('2026-12-11T23:59:59.999'));
    expect(late).toEqual(early);
  });

  it('goes by the China date, not the UTC date, around local midnight', () => {
    // 15:59 UTC is 23:59 on the 26th in China; 16:01 UTC is 00:01 on the 27th
    const beforeMidnight = addCalendarDays(new Date('2026-11-26T15:59:00Z'), 15);
    const afterMidnight = addCalendarDays(new Date('2026-11-26T16:01:00Z'), 15);
    expect(beforeMidnight).toEqual(cst('2026-12-11T23:59:59.999'));
    expect(afterMidnight).toEqual(cst('2026-12-12T23:59:59.999'));
  });

  it('rolls over the end of the month and the year', () => {
    expect(addCalendarDays(cst('2026-12-20T09:30:00'), 15)).toEqual(cst('2027-01-04T23:59:59.999'));
  });

  it('counts February as it is (28 days in 2027, 29 in 2028)', () => {
    expect(addCalendarDays(cst('2027-02-20T12:00:00'), 15)).toEqual(cst('2027-03-07T23:59:59.999'));
    expect(addCalendarDays(cst('2028-02-20T12:00:00'), 15)).toEqual(cst('2028-03-06T23:59:59.999'));
  });

  it('ends a 0-day period at the end of the starting day', () => {
    expect(addCalendarDays(cst('2026-11-26T10:00:00'), 0)).toEqual(cst('2026-11-26T23:59:59.999'));
  });

  describe('deadlineFor uses the statutory limits', () => {
    const received = cst('2026-11-26T10:00:00');

    it('15 days to route a registered matter (Art. 22)', () => {
      expect(deadlineFor('routing', received)).toEqual(cst('2026-12-11T23:59:59.999'));
    });

    it('15 days to decide on acceptance (Art. 23)', () => {
      expect(deadlineFor('acceptance', received)).toEqual(cst('2026-12-11T23:59:59.999'));
    });

    it('60 days to handle an accepted matter (Art. 34)', () => {
      expect(deadlineFor('handling', received)).toEqual(cst('2027-01-25T23:59:59.999'));
    });
  });
});

describe('the China date of a moment (chinaDate)', () => {
  it('is already the next day after midnight in China, while it is still afternoon in UTC', () => {
    expect(chinaDate(new Date('2026-02-13T16:00:00.001Z'))).toBe('2026-02-14');
    expect(chinaDate(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
  });
});

describe('assessment period of a moment (periodOf)', () => {
  it('is the year and month in China time', () => {
    expect(periodOf(cst('2026-11-26T10:00:00'))).toBe('2026-11');
  });

  it('already belongs to the next month when it is past midnight in China', () => {
    // 17:00 UTC on 31 January is 01:00 on 1 February in China
    expect(periodOf(new Date('2026-01-31T17:00:00Z'))).toBe('2026-02');
    expect(periodOf(new Date('2026-01-31T15:59:59Z'))).toBe('2026-01');
  });

  it('moves to the next year at China midnight on New Year’s Eve', () => {
    expect(periodOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });
});

describe('working-day deadlines', () => {
  const at = (iso: string) => new Date(iso);

  it('skip a weekend: 5 working days from a Thursday end on the next Thursday', () => {
    // 2026-11-26 is a Thursday
    expect(addWorkingDays(at('2026-11-26T10:00:00+08:00'), 5).toISOString()).toBe(at('2026-12-03T23:59:59.999+08:00').toISOString());
  });

  it('skip the National Day holiday week', () => {
    // 2026-09-30 (Wed): the holiday runs 1–7 October, so the 1st working day after is 8 October
    expect(addWorkingDays(at('2026-09-30T09:00:00+08:00'), 1).toISOString()).toBe(at('2026-10-08T23:59:59.999+08:00').toISOString());
  });

  it('count a make-up working Saturday (调休)', () => {
    // 2026-10-10 is a Saturday worked in lieu of the National Day holiday
    expect(addWorkingDays(at('2026-10-09T09:00:00+08:00'), 1).toISOString()).toBe(at('2026-10-10T23:59:59.999+08:00').toISOString());
  });

  it('skip the Spring Festival holiday', () => {
    // 2026 Spring Festival: 15–23 February are off, the 14th and 28th are make-up working days
    expect(addWorkingDays(at('2026-02-13T09:00:00+08:00'), 2).toISOString()).toBe(at('2026-02-24T23:59:59.999+08:00').toISOString());
  });

  it('apply the return limit of Art. 23 in working days and the acceptance limit in calendar days', () => {
    const start = at('2026-09-30T09:00:00+08:00');
    expect(deadlineFor('return', start).toISOString()).toBe(at('2026-10-13T23:59:59.999+08:00').toISOString());
    expect(deadlineFor('acceptance', start).toISOString()).toBe(at('2026-10-15T23:59:59.999+08:00').toISOString());
  });
});
