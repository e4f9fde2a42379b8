/**
 * The calendar and period arithmetic the regulation implies, written out by hand for tests, so that
 * a statutory amount is checked against the law and the State Council's schedule rather than read
 * back from the product's own table (src/clocks). Deliberately simple: a day at a time.
 *
 * Periods count from the day after the start and end at 24:00 of their last day, China time
 * (民法典 第二百零一条、第二百零三条); China Standard Time has no daylight saving.
 */

/**
 * 国务院办公厅关于2026年部分节假日安排的通知: days off that would be working days, and weekend days
 * that are working days (调休). Years without a published schedule follow the plain week.
 */
export const HOLIDAYS_2026 = [
  '2026-01-01', '2026-01-02', '2026-01-03', // 元旦
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23', // 春节
  '2026-04-04', '2026-04-05', '2026-04-06', // 清明节
  '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05', // 劳动节
  '2026-06-19', '2026-06-20', '2026-06-21', // 端午节
  '2026-09-25', '2026-09-26', '2026-09-27', // 中秋节
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', // 国庆节
];
export const MAKE_UP_WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

const HOLIDAYS = new Set(HOLIDAYS_2026);
const MAKE_UP = new Set(MAKE_UP_WORKDAYS_2026);
const CST_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a moment in China. */
export function chinaDay(moment: Date | number): string {
  return new Date(new Date(moment).getTime() + CST_MS).toISOString().slice(0, 10);
}

function nextDay(day: string, step = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + step * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string): boolean {
  if (MAKE_UP.has(day)) return true;
  if (HOLIDAYS.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** 00:00 of a China day, as an instant. */
export function startOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}

/** 24:00 (the last millisecond) of a China day, as an instant. */
export function endOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T23:59:59.999+08:00`));
}

/** The end of a period of `days` calendar days started at `start`. */
export function calendarDaysAfter(start: Date | number, days: number): Date {
  return endOfChinaDay(nextDay(chinaDay(start), days));
}

/** The end of a period of `days` working days started at `start`. */
export function workingDaysAfter(start: Date | number, days: number): Date {
  let day = chinaDay(start);
  for (let counted = 0; counted < days; ) {
    day = nextDay(day);
    if (isWorkingDay(day)) counted++;
  }
  return endOfChinaDay(day);
}

/** The start (00:00 China time) of the working day `days` working days before the day of `end`. */
export function workingDaysBefore(end: Date | number, days: number): Date {
  let day = chinaDay(end);
  for (let counted = 0; counted < days; ) {
    day = nextDay(day, -1);
    if (isWorkingDay(day)) counted++;
  }
  return startOfChinaDay(day);
}

/** Every day of a year, YYYY-MM-DD. */
export function daysOfYear(year: number): string[] {
  const days: string[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = nextDay(day)) days.push(day);
  return days;
}

/** The end of a period of `days` counted in calendar or working days. */
export function periodEnd(start: Date | number, days: number, counted: 'calendar-days' | 'working-days'): Date {
  return counted === 'working-days' ? workingDaysAfter(start, days) : calendarDaysAfter(start, days);
}

/** A moment written in China time: cst('2026-02-12T23:30:00'). */
export function cst(local: string): Date {
  return new Date(`${local}+08:00`);
}
