import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BusinessCalendar, PUBLISHED_THROUGH } from '../../src/clocks/business-calendar';
import { addWorkingDays, subtractWorkingDays } from '../../src/clocks/deadline';
import { daysOfYear, isWorkingDay } from '../support/statutory-calendar';

const cst = (local: string) => new Date(`${local}+08:00`);

// The 2027 Spring Festival as the State Council would publish it (not in chinese-days 1.5.7).
const SPRING_FESTIVAL_2027 = [
  ...['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'].map((date) => ({
    date,
    workday: false,
    name: '春节',
  })),
  { date: '2027-02-14', workday: true, name: '春节调休' },
];

describe('the business calendar', () => {
  it('knows the published schedule through the last year chinese-days carries', () => {
    expect(PUBLISHED_THROUGH).toBeGreaterThanOrEqual(2026);
    const calendar = new BusinessCalendar();
    expect(calendar.describe('2026-10-01')).toMatchObject({ workday: false, source: 'published' });
  });

  it('counts a year nobody loaded by weekends only, and says so', () => {
    const calendar = new BusinessCalendar();
    expect(calendar.describe('2027-02-08')).toEqual({ date: '2027-02-08', workday: true, name: '', source: 'weekday-rule' });
  });

  it('follows a loaded year: holidays are skipped and make-up days counted', () => {
    // given 2027's Spring Festival loaded by an administrator
    const calendar = new BusinessCalendar();
    calendar.replaceOverrides(SPRING_FESTIVAL_2027);
    // when 5 working days start on Thursday 4 February 2027
    const due = addWorkingDays(cst('2027-02-04T10:00:00'), 5, calendar);
    // then Fri 5th is day 1, the holiday week is skipped, Sunday 14th (调休) is day 2, 15th-17th days 3-5
    expect(due).toEqual(cst('2027-02-17T23:59:59.999'));
    // whereas without it, the holiday would count as working days
    expect(addWorkingDays(cst('2027-02-04T10:00:00'), 5, new BusinessCalendar())).toEqual(cst('2027-02-11T23:59:59.999'));
  });

  it('names a holiday on a weekday and a make-up working weekend day, and only those', () => {
    const calendar = new BusinessCalendar();
    // Thursday 1 October 2026: National Day, off
    expect(calendar.describe('2026-10-01')).toMatchObject({ workday: false, source: 'published', name: expect.stringContaining('国庆节') });
    // Saturday 14 February 2026: worked in lieu of the Spring Festival
    expect(calendar.describe('2026-02-14')).toMatchObject({ workday: true, source: 'published', name: expect.stringContaining('春节') });
    // a holiday that falls on a weekend, and an ordinary Saturday, Sunday and Tuesday need no name
    expect(calendar.describe('2026-02-15')).toEqual({ date: '2026-02-15', workday: false, name: '', source: 'published' });
    expect(calendar.describe('2026-11-28')).toEqual({ date: '2026-11-28', workday: false, name: '', source: 'published' });
    expect(calendar.describe('2026-11-29')).toEqual({ date: '2026-11-29', workday: false, name: '', source: 'published' });
    expect(calendar.describe('2026-12-01')).toEqual({ date: '2026-12-01', workday: true, name: '', source: 'published' });
  });

  it('says the last published year is published and the year after it is not', () => {
    const calendar = new BusinessCalendar();
    expect(Number.isInteger(PUBLISHED_THROUGH)).toBe(true);
    expect(calendar.describe(`${PUBLISHED_THROUGH}-12-31`).source).toBe('published');
    expect(calendar.describe(`${PUBLISHED_THROUGH + 1}-01-01`).source).toBe('weekday-rule');
  });

  it('lets an administrator correct a published day', () => {
    const calendar = new BusinessCalendar();
    calendar.replaceOverrides([{ date: '2026-12-01', workday: false, name: '临时调整' }]);
    expect(calendar.isWorkday('2026-12-01')).toBe(false);
    expect(calendar.describe('2026-12-01').source).toBe('override');
    expect(addWorkingDays(cst('2026-11-30T09:00:00'), 1, calendar)).toEqual(cst('2026-12-02T23:59:59.999'));
  });

  it('lets an administrator make a weekend day a working day, and says so', () => {
    const calendar = new BusinessCalendar();
    calendar.replaceOverrides([{ date: '2026-12-05', workday: true, name: '防汛值守' }]);
    expect(calendar.describe('2026-12-05')).toEqual({ date: '2026-12-05', workday: true, name: '防汛值守', source: 'override' });
    // Friday 4 December + 1 working day is that Saturday, not Monday the 7th
    expect(addWorkingDays(cst('2026-12-04T18:00:00'), 1, calendar)).toEqual(cst('2026-12-05T23:59:59.999'));
  });

  it('forgets an override the administrator removed: a new list replaces the old one', () => {
    const calendar = new BusinessCalendar();
    calendar.replaceOverrides([{ date: '2026-12-01', workday: false, name: '临时调整' }]);
    calendar.replaceOverrides([{ date: '2026-12-02', workday: false, name: '临时调整' }]);
    expect(calendar.isWorkday('2026-12-01')).toBe(true);
    expect(calendar.isWorkday('2026-12-02')).toBe(false);
    expect(calendar.describe('2026-12-01').source).toBe('published');
  });
});

describe('counting working days back from a deadline (reminders)', () => {
  it('lands on the start of the working day N working days earlier, counting a make-up Saturday', () => {
    // before Monday 12 October 2026: Saturday the 10th was a make-up working day (National Day), Sunday was not
    expect(subtractWorkingDays(cst('2026-10-12T23:59:59.999'), 2, new BusinessCalendar())).toEqual(cst('2026-10-09T00:00:00'));
  });

  it('goes back over a weekend', () => {
    expect(subtractWorkingDays(cst('2026-11-30T23:59:59.999'), 1, new BusinessCalendar())).toEqual(cst('2026-11-27T00:00:00'));
  });

  it('goes back over the Spring Festival to the make-up Saturday before it', () => {
    // before Tuesday 24 February 2026: 15–23 off, Saturday the 14th worked
    expect(subtractWorkingDays(cst('2026-02-24T23:59:59.999'), 1, new BusinessCalendar())).toEqual(cst('2026-02-14T00:00:00'));
  });

  it('skips a day an administrator declared off', () => {
    const calendar = new BusinessCalendar();
    calendar.replaceOverrides([{ date: '2026-11-27', workday: false, name: '临时调整' }]);
    expect(subtractWorkingDays(cst('2026-11-30T23:59:59.999'), 1, calendar)).toEqual(cst('2026-11-26T00:00:00'));
  });
});

describe('whatever time zone the server runs in', () => {
  /**
   * The calendar's answers in a separate Node process whose TZ is `zone` (a test cannot move its own
   * process's zone): the working days of 2026, and what kind of day Sunday 1 March 2026 is.
   */
  function inZone(zone: string): { workdays: boolean[]; sunday: unknown; afterMakeUpSaturday: string } {
    const script = `
      const ts = require('typescript');
      const fs = require('fs');
      require.extensions['.ts'] = (module, filename) => {
        const source = fs.readFileSync(filename, 'utf8');
        const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true };
        module._compile(ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText, filename);
      };
      const { BusinessCalendar } = require(${JSON.stringify(join(__dirname, '../../src/clocks/business-calendar.ts'))});
      const { addWorkingDays } = require(${JSON.stringify(join(__dirname, '../../src/clocks/deadline.ts'))});
      const calendar = new BusinessCalendar();
      process.stdout.write(JSON.stringify({
        workdays: ${JSON.stringify(daysOfYear(2026))}.map((day) => calendar.isWorkday(day)),
        sunday: calendar.describe('2026-03-01'),
        afterMakeUpSaturday: addWorkingDays(new Date('2026-02-28T00:30:00+08:00'), 1, calendar).toISOString(),
      }));`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' }));
  }

  // Regression: chinese-days takes a date's weekday in the server's zone, a day early west of Greenwich,
  // so a server on US time counted Sundays as working days and Mondays as weekend.
  it.each(['America/Los_Angeles', 'UTC', 'Asia/Shanghai'])('%s: counts the 2026 schedule day by day', (zone) => {
    // given a server in that time zone
    const answers = inZone(zone);
    // then every day of 2026 is a working day or not as the State Council's schedule says
    const days = daysOfYear(2026);
    expect(days.filter((day, i) => answers.workdays[i] !== isWorkingDay(day))).toEqual([]);
    // and an ordinary Sunday is a Sunday, and 1 working day after the make-up Saturday 28 February is Monday 2 March
    expect(answers.sunday).toEqual({ date: '2026-03-01', workday: false, name: '', source: 'published' });
    expect(answers.afterMakeUpSaturday).toBe(cst('2026-03-02T23:59:59.999').toISOString());
  });
});
