import { getDayDetail, isWorkday } from 'chinese-days';

/** A day an administrator declared different from the published schedule (or from a plain week). */
export interface CalendarOverride {
  /** YYYY-MM-DD, China date. */
  date: string;
  workday: boolean;
  name: string;
}

/** The last year chinese-days carries the State Council's schedule for; later years need loading. */
export const PUBLISHED_THROUGH = Number(
  Object.keys((require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string> }).holidays)
    .map((d) => d.slice(0, 4))
    .sort()
    .pop(),
);

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
    return own ? own.workday : isWorkday(date);
  }

  /** What kind of day it is and who says so. */
  describe(date: string): { date: string; workday: boolean; name: string; source: 'override' | 'published' | 'weekday-rule' } {
    const own = this.overrides.get(date);
    if (own) return { ...own, source: 'override' };
    const year = Number(date.slice(0, 4));
    const detail = getDayDetail(date);
    const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const special = detail.work === weekend; // a holiday on a weekday, or a make-up working weekend day
    return {
      date,
      workday: detail.work,
      name: special ? detail.name : '',
      source: year <= PUBLISHED_THROUGH ? 'published' : 'weekday-rule',
    };
  }
}

/** The calendar deadline arithmetic uses in this process. */
export const calendar = new BusinessCalendar();
