import { BusinessCalendar, calendar } from './business-calendar';
import { TIME_LIMITS, TimeLimitName } from './time-limits';

/** China Standard Time has no daylight saving: a fixed +08:00 offset is exact. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

function localMidnight(moment: Date): number {
  return Math.floor((moment.getTime() + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS;
}

function endOfLocalDay(localMidnightMs: number): Date {
  return new Date(localMidnightMs + DAY_MS - 1 - CHINA_OFFSET_MS);
}

/**
 * A period of N days counts from the day after the start and ends at 24:00 of its last day,
 * local time (民法典 第二百零一条、第二百零三条).
 */
export function addCalendarDays(start: Date, days: number): Date {
  return endOfLocalDay(localMidnight(start) + days * DAY_MS);
}

/**
 * N working days, counted from the day after the start, skipping weekends and public holidays and
 * counting make-up working days (调休), per the State Council schedule as the business calendar has it.
 */
export function addWorkingDays(start: Date, days: number, on: BusinessCalendar = calendar): Date {
  let day = localMidnight(start);
  for (let counted = 0; counted < days; ) {
    day += DAY_MS;
    if (on.isWorkday(new Date(day).toISOString().slice(0, 10))) counted++;
  }
  return endOfLocalDay(day);
}

/** N working days before a moment: the start of that working day, China time (for reminders). */
export function subtractWorkingDays(end: Date, days: number, on: BusinessCalendar = calendar): Date {
  let day = localMidnight(end);
  for (let counted = 0; counted < days; ) {
    day -= DAY_MS;
    if (on.isWorkday(new Date(day).toISOString().slice(0, 10))) counted++;
  }
  return new Date(day - CHINA_OFFSET_MS);
}

export function deadlineFor(limit: TimeLimitName, start: Date, days: number = TIME_LIMITS[limit].days): Date {
  return TIME_LIMITS[limit].unit === 'working-days' ? addWorkingDays(start, days) : addCalendarDays(start, days);
}

/** The China date (YYYY-MM-DD) of a moment. */
export function chinaDate(moment: Date): string {
  return new Date(moment.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM of a moment, in China Standard Time. */
export function periodOf(moment: Date): string {
  return new Date(moment.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}
