#!/usr/bin/env node
/**
 * `npm run audit:verify`: builds the API if it is missing or out of date, then re-checks the audit
 * log's hash chain in the database at DATABASE_URL (default: the embedded SQLite file).
 * Exit code 0 when intact, 1 when broken (the first broken seq and why are printed), 2 on error.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/ensure.mjs';

try {
  // Neither the web app nor the engine is needed to read the database.
  ensureBuilt({ ui: false, engine: false });
} catch (error) {
  console.error(`\n✗ ${error.message}`);
  process.exit(2);
}

const verify = spawnSync(process.execPath, [join(ROOT, 'dist', 'audit', 'verify-cli.js')], {
  cwd: process.cwd(),
  stdio: 'inherit',
  env: process.env,
});
process.exit(verify.status ?? 2);
