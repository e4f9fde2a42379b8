import { INestApplicationContext, Logger } from '@nestjs/common';

/**
 * Closes the application on SIGTERM/SIGINT and exits 0. (Nest's own shutdown hooks re-raise the
 * signal after closing, which makes an orderly stop look like a crash to a supervisor.)
 */
export function closeOnSignals(app: INestApplicationContext, name: string): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) {
        Logger.warn(`${signal} again: exiting without waiting`, name);
        process.exit(1);
      }
      closing = true;
      Logger.log(`${signal} received: finishing running work and stopping`, name);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          Logger.error(`Shutdown failed: ${String(error)}`, name);
          process.exit(1);
        },
      );
    });
  }
}

/**
 * Ends a process whose start failed, with the reason in its log. The processes buffer their log
 * until they are up (bufferLogs), so without the flush an operator found exit code 1 and an empty log.
 */
export function exitOnStartFailure(error: unknown, name: string): never {
  Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), name);
  Logger.flush();
  process.exit(1);
}
