import pino, { Logger } from 'pino';

/** Keys that must never be written, should anything log an object holding them. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'idNumber',
  '*.idNumber',
  'phone',
  '*.phone',
  'address',
  '*.address',
];

let root: Logger | undefined;

/**
 * The process's logger: one JSON line per entry on standard output (an operator's collector reads
 * it; `npm start` shows the same lines), ISO times, the level as a word, the service (`api`,
 * `worker`). LOG_LEVEL (`info`) picks the threshold.
 */
export function createRootLogger(service: string, env: NodeJS.ProcessEnv = process.env): Logger {
  root = pino({
    level: env.LOG_LEVEL || 'info',
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
  return root;
}

/** The logger made by createRootLogger, if this process made one. */
export function rootLogger(): Logger | undefined {
  return root;
}
