import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { verifyAuditTrail } from './audit-verifier';

/**
 * `npm run audit:verify` (or `node dist/audit/verify-cli.js` where only the build is installed):
 * re-checks the audit log's hash chain in the database at DATABASE_URL. Exit code 0 when intact,
 * 1 when broken (listing every break), 2 when it could not check. Only the database is read, so unlike the API it needs
 * none of the production secrets.
 */
async function main(): Promise<number> {
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const database = parseDatabaseUrl(url);
  // Opening a missing SQLite file would create an empty database and report on that.
  if (database.type === 'sqlite' && !existsSync(database.path)) throw new Error(`No database at ${database.path}`);
  const dataSource = new DataSource({ ...dataSourceOptions(database), logging: ['error'] });
  await dataSource.initialize();
  try {
    const result = await verifyAuditTrail(dataSource);
    if (result.ok) {
      console.log(`Audit log intact: ${result.checked} entries checked.`);
      return 0;
    }
    console.log(`Audit log BROKEN: ${result.breakCount} break(s) in ${result.checked} entries read.`);
    for (const { seq, reason } of result.breaks) console.log(`  seq ${seq}: ${reason}`);
    if (result.breakCount > result.breaks.length) console.log(`  … and ${result.breakCount - result.breaks.length} more`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`Could not verify the audit log: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
