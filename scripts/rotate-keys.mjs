#!/usr/bin/env node
/** `npm run keys:rotate`: builds the API if needed, then re-encrypts personal data with the first key of DATA_ENCRYPTION_KEYS. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/ensure.mjs';

try {
  ensureBuilt({ ui: false, engine: false });
} catch (error) {
  console.error(`\n✗ ${error.message}`);
  process.exit(2);
}
const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'key-rotation', 'rotate-keys-cli.js')], { stdio: 'inherit', env: process.env });
process.exit(run.status ?? 2);
