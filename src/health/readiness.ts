/** One count of the external tasks waiting, summed over the topics. */
export interface BacklogSample {
  at: number;
  waiting: number;
}

export interface BacklogGrowth {
  from: number;
  to: number;
  overMs: number;
}

/** The backlog is judged over this long … */
export const BACKLOG_WINDOW_MS = 5 * 60_000;
/** … needs samples spanning at least this much of it … */
export const BACKLOG_MIN_SPAN_MS = 2 * 60_000;
/** … and has to reach this many waiting tasks: a burst of registrations queues a few for seconds. */
export const BACKLOG_MIN_WAITING = 10;

/**
 * Growing: over the last few minutes the waiting tasks never fell from one count to the next and
 * ended higher than they began (workers take tasks more slowly than they come, or not at all).
 * Null when the samples say nothing of the kind, or are too few or too close together to say.
 */
export function backlogGrowth(samples: readonly BacklogSample[], now: number): BacklogGrowth | null {
  const recent = samples.filter((s) => s.at >= now - BACKLOG_WINDOW_MS && s.at <= now);
  if (recent.length < 3) return null;
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (last.at - first.at < BACKLOG_MIN_SPAN_MS) return null;
  for (let i = 1; i < recent.length; i++) if (recent[i].waiting < recent[i - 1].waiting) return null;
  if (last.waiting <= first.waiting || last.waiting < BACKLOG_MIN_WAITING) return null;
  return { from: first.waiting, to: last.waiting, overMs: last.at - first.at };
}

export interface ReadinessInput {
  database: boolean;
  /** False while migrations are pending; null when the database could not be asked. */
  migrated: boolean | null;
  engine: boolean;
  /** Open incidents; null when they could not be counted. */
  incidents: number | null;
  backlog: BacklogGrowth | null;
}

export interface Readiness {
  /** 503 unless ready or degraded: a load balancer sends this process nothing while it cannot serve. */
  httpStatus: 200 | 503;
  status: 'ready' | 'degraded' | 'not-ready';
  reasons: string[];
}

/**
 * Ready: the database answers, its schema is migrated and the engine answers. Degraded (still
 * serving, so still 200): incidents wait for a person, or the backlog keeps growing. Not ready (503)
 * otherwise, with every reason.
 */
export function decideReadiness(input: ReadinessInput): Readiness {
  const blocking: string[] = [];
  if (!input.database) blocking.push('database unreachable');
  else if (input.migrated === false) blocking.push('database migrations pending');
  if (!input.engine) blocking.push('engine unreachable');
  if (blocking.length > 0) return { httpStatus: 503, status: 'not-ready', reasons: blocking };
  const warnings: string[] = [];
  if (input.incidents !== null && input.incidents > 0) warnings.push(`incidents open: ${input.incidents}`);
  if (input.backlog) {
    const minutes = Math.round(input.backlog.overMs / 6_000) / 10;
    warnings.push(`backlog growing: ${input.backlog.from} → ${input.backlog.to} waiting external tasks in ${minutes} min`);
  }
  return { httpStatus: 200, status: warnings.length > 0 ? 'degraded' : 'ready', reasons: warnings };
}
