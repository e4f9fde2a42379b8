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
