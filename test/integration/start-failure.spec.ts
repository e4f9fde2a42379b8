import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs a built entry point to its end; what it wrote to stdout and stderr, and its exit code. */
function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', entry)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * A process that cannot start says why in its log. Both buffer their log until they are up, and a
 * start that failed used to exit 1 with an empty log (CI met it as "api exited before answering" with
 * nothing to read): here the metrics port is taken by someone else.
 */
describe('a process that fails to start', () => {
  let taken: Server;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
    dir = mkdtempSync(join(tmpdir(), 'start-failure-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['the API', 'main.js', 'METRICS_PORT'],
    ['a worker process', 'worker.js', 'WORKER_METRICS_PORT'],
  ])('%s exits 1 with the reason in its log, as one JSON error line', async (_who, entry, variable) => {
    const { code, output } = await run(entry, {
      [variable]: String(port),
      METRICS_HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, `${entry}.sqlite`)}`,
      LOG_LEVEL: 'info',
    });
    expect(code).toBe(1);
    const errors = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; msg: string })
      .filter((entry) => entry.level === 'error');
    expect(errors.map((e) => e.msg).join('\n')).toContain(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
  });
});
