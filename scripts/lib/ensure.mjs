/**
 * Brings a checkout to a runnable state, doing only what is missing or out of date: npm packages,
 * the API build, the web app build and the engine jar. Shared by `npm start`, `npm test` and `npm run bench`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'target') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function outdated(output, ...inputs) {
  if (!existsSync(output)) return true;
  const built = newest(output);
  return inputs.some((input) => newest(input) > built);
}

function run(title, command, args, cwd = ROOT) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.error) throw new Error(`${title} could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status})`);
}

function requireTool(command, args, hint) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
  } catch {
    throw new Error(`${command} is needed: ${hint}`);
  }
}

export function ensureBuilt({ ui = true, engine = true } = {}) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (outdated(join(ROOT, 'node_modules', '.package-lock.json'), join(ROOT, 'package-lock.json'))) {
    run('Installing the API packages', npm, ['ci', '--no-audit', '--no-fund']);
  }
  if (outdated(join(ROOT, 'dist', 'main.js'), join(ROOT, 'src'), join(ROOT, 'tsconfig.json'))) {
    run('Building the API', process.execPath, [join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build']);
  }
  const uiDir = join(ROOT, 'modeler-ui');
  if (ui) {
    if (outdated(join(uiDir, 'node_modules', '.package-lock.json'), join(uiDir, 'package-lock.json'))) {
      run('Installing the web app packages', npm, ['ci', '--no-audit', '--no-fund'], uiDir);
    }
    if (outdated(join(uiDir, 'dist', 'index.html'), join(uiDir, 'src'), join(uiDir, 'index.html'), join(uiDir, 'vite.config.ts'))) {
      run('Building the web app', npm, ['run', 'build'], uiDir);
    }
  }
  const jar = join(ROOT, 'engine', 'target', 'petition-engine.jar');
  if (engine && outdated(jar, join(ROOT, 'engine', 'pom.xml'), join(ROOT, 'engine', 'src'))) {
    requireTool('java', ['-version'], 'install a Java 17+ JDK');
    requireTool('mvn', ['-v'], 'install Apache Maven 3.8+');
    run('Building the engine', 'mvn', ['-q', '-B', '-f', join(ROOT, 'engine', 'pom.xml'), '-DskipTests', 'package']);
  }
}
