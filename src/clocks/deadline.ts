import { TIME_LIMITS, TimeLimitName } from './time-limits';

/** China Standard Time has no daylight saving: a fixed +08:00 offset is exact. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/**
 * A period of N days counts from the day after the start and ends at 24:00 of its last day,
 * local time (民法典 第二百零一条、第二百零三条).
 */
export function addCalendarDays(start: Date, days: number): Date {
  const localMidnight = Math.floor((start.getTime() + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS;
  const endOfLastDay = localMidnight + (days + 1) * DAY_MS - 1;
  return new Date(endOfLastDay - CHINA_OFFSET_MS);
}

export function deadlineFor(limit: TimeLimitName, start: Date): Date {
  return addCalendarDays(start, TIME_LIMITS[limit].days);
}

/** YYYY-MM of a moment, in China Standard Time. */
export function periodOf(moment: Date): string {
  return new Date(moment.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}
