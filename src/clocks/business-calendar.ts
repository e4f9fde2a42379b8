/** A day an administrator declared different from the published schedule (or from a plain week). */
export interface CalendarOverride {
  /** YYYY-MM-DD, China date. */
  date: string;
  workday: boolean;
  name: string;
}

/**
 * The State Council's schedule as chinese-days ships it: the days it names, off (holidays) or worked
 * (make-up days). Read as data rather than through the package's functions, which take a date's
 * weekday in the server's time zone and so count every weekday a day early west of Greenwich.
 */
const SCHEDULE = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };

/** The last year chinese-days carries the State Council's schedule for; later years need loading. */
export const PUBLISHED_THROUGH = Number(
  Object.keys(SCHEDULE.holidays)
    .map((d) => d.slice(0, 4))
    .sort()
    .pop(),
);

function isWeekend(date: string): boolean {
  return [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
}

/** The published answer for a day: the schedule where it names the day, else the plain week. */
function publishedDay(date: string): { workday: boolean; name: string } {
  const weekend = isWeekend(date);
  // a make-up day is a weekend day by definition
  if (Object.hasOwn(SCHEDULE.workdays, date)) return { workday: true, name: SCHEDULE.workdays[date] };
  if (Object.hasOwn(SCHEDULE.holidays, date)) return { workday: false, name: weekend ? '' : SCHEDULE.holidays[date] };
  return { workday: !weekend, name: '' };
}

/**
 * Working days: the State Council's holiday and make-up-day schedule as chinese-days publishes it,
 * corrected by whatever administrators loaded or changed (a year not yet in the package, a late
 * adjustment). Deadline arithmetic asks the process-wide instance, which CalendarService keeps in
 * step with the database.
 */
export class BusinessCalendar {
  private overrides = new Map<string, CalendarOverride>();

  replaceOverrides(overrides: CalendarOverride[]): void {
    this.overrides = new Map(overrides.map(({ date, workday, name }) => [date, { date, workday, name }]));
  }

  isWorkday(date: string): boolean {
    const own = this.overrides.get(date);
    return own ? own.workday : publishedDay(date).workday;
  }

  /** What kind of day it is and who says so; only a day that differs from the plain week is named. */
  describe(date: string): { date: string; workday: boolean; name: string; source: 'override' | 'published' | 'weekday-rule' } {
    const own = this.overrides.get(date);
    if (own) return { ...own, source: 'override' };
    const year = Number(date.slice(0, 4));
    return { date, ...publishedDay(date), source: year <= PUBLISHED_THROUGH ? 'published' : 'weekday-rule' };
  }
}

/** The calendar deadline arithmetic uses in this process. */
export const calendar = new BusinessCalendar();
