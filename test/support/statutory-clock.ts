import { engine, eventually, toSecond } from './harness';
import { chinaDay, workingDaysAfter } from './statutory-calendar';

/**
 * What integration tests need to check a statutory clock where it runs: the timers the engine holds
 * for a task, firing one as the job executor would, and moving a stored moment the way a test moves
 * time (the stack's clock is the real one and shared by every test file, so time is moved in the
 * records, never by waiting). Expected instants come from statutory-calendar.ts, never from the
 * product's own table.
 */

export interface TimerJob {
  id: string;
  dueDate: string;
  activityId: string;
}

/** The timer jobs now waiting in the process instance a task belongs to, by the timer's activity id. */
export async function timersOf(taskId: string): Promise<Map<string, TimerJob>> {
  const task = await engine<{ processInstanceId: string; processDefinitionId: string }>('GET', `/task/${taskId}`);
  const jobs = await engine<{ id: string; dueDate: string; jobDefinitionId: string }[]>(
    'GET',
    `/job?processInstanceId=${task.processInstanceId}&timers=true`,
  );
  const definitions = await engine<{ id: string; activityId: string }[]>('GET', `/job-definition?processDefinitionId=${task.processDefinitionId}`);
  return new Map(
    jobs.map((job) => {
      const activityId = definitions.find((d) => d.id === job.jobDefinitionId)!.activityId;
      return [activityId, { id: job.id, dueDate: job.dueDate, activityId }];
    }),
  );
}

/** Fires a timer now, as the engine would at its due time (the test stack's job executor is off). */
export async function fireTimer(job: TimerJob): Promise<void> {
  // A worker finishing the previous timer's branch may touch the same parent execution at that moment;
  // the engine then refuses with an optimistic-locking conflict and its job executor would run the job
  // again. So does this test.
  await eventually(
    async () => {
      try {
        await engine('POST', `/job/${job.id}/execute`);
        return true;
      } catch (error) {
        if (/ENGINE-03005|OptimisticLocking|updated by another transaction/.test(String(error))) return false;
        throw error;
      }
    },
    { what: `timer job ${job.activityId} to run` },
  );
}

/** The middle of a period, to the millisecond. */
export function halfway(start: Date | number, end: Date | number): Date {
  const from = new Date(start).getTime();
  return new Date(Math.trunc(from + (new Date(end).getTime() - from) / 2));
}

/**
 * The moment a datetime column holds it, as the API writes it on both databases (UTC, milliseconds),
 * for tests that move a stored moment the way a DBA would.
 */
export function dbTime(moment: Date | number): string {
  return new Date(moment).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * The edge of a period of `days` working days that started some days before `now`: `expired` is the
 * latest start (noon, China time) whose period ended before `now`, `open` the next day's noon, whose
 * period has not ended yet. A rule that counts one working day more or less moves the edge by a day,
 * whatever the weekday of the run.
 */
export function workingDayEdge(now: number, days: number): { expired: Date; open: Date } {
  const noonDaysAgo = (k: number) => new Date(Date.parse(`${chinaDay(now - k * 86_400_000)}T12:00:00+08:00`));
  for (let k = 1; k < 60; k++) {
    if (workingDaysAfter(noonDaysAgo(k), days).getTime() < now) return { expired: noonDaysAgo(k), open: noonDaysAgo(k - 1) };
  }
  throw new Error(`no ${days}-working-day period ended within 60 days before ${new Date(now).toISOString()}`);
}

/** A moment to the second: the engine keeps due dates to the second on MySQL/MariaDB (harness.ts toSecond, for dates too). */
export const sec = (value: Date | string | number) => toSecond(value instanceof Date ? value.getTime() : value);
