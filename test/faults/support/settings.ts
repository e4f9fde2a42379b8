import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT } = require('../../../scripts/lib/stack.cjs') as { ROOT: string };

/**
 * Every knob of the fault suite in one place: the product settings the APIs under test run with,
 * and the time bounds of each fault. A bound can be widened from the environment
 * (FAULTS_RECOVERY_MS=…) on a slow machine without touching the tests.
 */
export type Db = 'sqlite' | 'mariadb';

export const DB: Db = process.env.TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';
export { ROOT };
export const OUT_DIR = join(ROOT, 'test-output', `faults-${DB}`);
/** The processes the suite started in this run (see fault-stack.ts and global-teardown.ts). */
export const PID_FILE = join(OUT_DIR, 'pids');

function ms(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds, got "${raw}"`);
  return value;
}

export const DEMO_PASSWORD = 'Demo@2026';

/** Product settings of every API the suite starts (on top of NODE_ENV=test, which keeps /api/docs-json on). */
export const API_ENV: Record<string, string> = {
  // The suite signs in and queries far more often than people do; the limits are not under test here.
  RATE_LIMIT_SIGN_IN: '100000',
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: '100000',
  RATE_LIMIT_PUBLIC: '100000',
  // A task locked by a killed worker is delivered again this soon after the kill…
  WORKER_LOCK_MS: '4000',
  // …and a poll picks it up without waiting out a long poll.
  WORKER_POLL_TIMEOUT_MS: '1000',
  // Petitions saved while the engine was away, or lost by it, are (re)started this often.
  REPAIR_SWEEP_SECONDS: '5',
};

/**
 * The business-database outage (MariaDB only). The worker's normal budget is cut down to
 * 2 retries, 1 s then 2 s apart (3 s in all), so that an outage of OUTAGE_MS is far beyond it:
 * what brings the petitions through is the product's handling of transient failures (longer
 * back-off for connection errors, and a sweep that retries incidents with a transient cause),
 * whose settings are listed here too.
 */
export const OUTAGE = {
  durationMs: ms('FAULTS_OUTAGE_MS', 25_000),
  apiEnv: {
    WORKER_MAX_RETRIES: '2',
    WORKER_RETRY_BASE_MS: '1000',
    // Transient failures: the wait doubles from 1 s up to 5 s (about 47 s for the 11 retries)…
    WORKER_TRANSIENT_MAX_BACKOFF_MS: '5000',
    // …and incidents they leave anyway are retried every 6 s.
    INCIDENT_SWEEP_MINUTES: '0.1',
  } as Record<string, string>,
};

export const BOUNDS = {
  /** One request of the suite's clients; an answer that takes longer counts as lost. */
  requestMs: ms('FAULTS_REQUEST_MS', 20_000),
  /** A burst of registrations, retries after a fault included. */
  burstMs: ms('FAULTS_BURST_MS', 150_000),
  /** From the end of a fault until every petition is at its acceptance task. */
  recoveryMs: ms('FAULTS_RECOVERY_MS', 150_000),
};
