#!/usr/bin/env node
/**
 * `npm test`: builds what is missing, then runs every test on the embedded default (H2 + SQLite,
 * no database server): unit, integration (real engine + API) and end-to-end (headless Chromium),
 * then the web app's component tests. Arguments go to Jest, e.g. `npm test -- --selectProjects=unit`.
 * TEST_DB=mariadb runs the same suites against MariaDB on 127.0.0.1:3306.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/ensure.mjs';

try {
  ensureBuilt();
} catch (error) {
  console.error(`\n✗ ${error.message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const jest = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...args], {
  cwd: ROOT,
  stdio: 'inherit',
  env: process.env,
});
let status = jest.status ?? 1;

// The web app's own tests run unless Jest was narrowed to some projects or files.
if (args.length === 0) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const ui = spawnSync(npm, ['test'], { cwd: join(ROOT, 'modeler-ui'), stdio: 'inherit', env: process.env });
  status ||= ui.status ?? 1;
}
process.exit(status);
