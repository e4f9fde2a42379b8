import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB, OUT_DIR, PID_FILE, ROOT } from './settings';

/** Checks that what the fault tests start is built, and says which tests this database gets. */
export default async function faultsGlobalSetup(): Promise<void> {
  for (const [file, build] of [
    [join(ROOT, 'dist', 'main.js'), 'npx nest build'],
    [join(ROOT, 'engine', 'target', 'petition-engine.jar'), 'npm run build:engine'],
  ]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run ${build} first (npm run test:faults does)`);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(PID_FILE, '');
  if (DB === 'sqlite') {
    console.log(
      '\n[faults sqlite] database-outage.spec.ts is not run on the embedded default: SQLite is a file inside the API ' +
        'process, there is no connection to the business database to cut. Run TEST_DB=mariadb npm run test:faults for it.',
    );
  }
}
