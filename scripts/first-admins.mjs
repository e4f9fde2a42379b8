#!/usr/bin/env node
/**
 * `npm run admin:init -- --city 代码:名称 --unit 代码:名称 --system-admin 用户名:姓名 --security-admin 用户名:姓名 --auditor 用户名:姓名`
 * builds the API if it is missing or out of date, then creates the first three administrators in the
 * database at DATABASE_URL (src/cli/first-admins.ts says how; passwords come from the environment).
 * Exit code 0 when created, 1 when refused (nothing written), 2 on error.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/ensure.mjs';

try {
  // Neither the web app nor the engine is needed to write the accounts.
  ensureBuilt({ ui: false, engine: false });
} catch (error) {
  console.error(`\n✗ ${error.message}`);
  process.exit(2);
}

const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'first-admins.js'), ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
  env: process.env,
});
process.exit(run.status ?? 2);
