import { existsSync, readFileSync } from 'node:fs';
import { PID_FILE } from './settings';

/**
 * Kills any engine or API a fault test started and did not stop (a test that timed out, or was
 * interrupted). Only processes of this run (their ids are in PID_FILE) that are still an engine
 * or an API (the command line says so, in case an id was reused).
 */
export default async function faultsGlobalTeardown(): Promise<void> {
  if (!existsSync(PID_FILE)) return;
  for (const pid of readFileSync(PID_FILE, 'utf8').split('\n').filter(Boolean).map(Number)) {
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // gone
    }
    if (command.includes('petition-engine.jar') || command.includes('dist/main.js')) {
      console.log(`[faults] killing process ${pid} left running by a test`);
      process.kill(pid, 'SIGKILL');
    }
  }
}
