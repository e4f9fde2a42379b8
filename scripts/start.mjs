#!/usr/bin/env node
/**
 * `npm start`: the whole product on one machine, on the embedded default: the engine on an H2 file
 * database and the API with its workers on SQLite, both under ./data. Installs and builds first
 * when needed. Ctrl+C stops both.
 *
 * ENGINE_URL set → use that engine instead of starting one. DATABASE_URL, PORT, ENGINE_PORT and the
 * other variables in the README apply as usual.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/ensure.mjs';

const require = createRequire(import.meta.url);
const { startEngine, startApi, stopProcess } = require('./lib/stack.cjs');

async function main() {
  ensureBuilt();
  const children = [];
  const stop = async (code) => {
    for (const child of children.reverse()) await stopProcess(child);
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  let engineUrl = process.env.ENGINE_URL;
  if (!engineUrl) {
    const port = Number(process.env.ENGINE_PORT ?? 8080);
    console.log(`\n▶ Starting the Camunda engine on port ${port} (H2 file database in data/engine)…`);
    const engine = await startEngine({
      port,
      logDir: null,
      jobExecutor: true,
      quickStart: false,
      // Unset: the engine's own default (application.yaml) applies, so the durable H2 URL is written once.
      // The engine runs in the project root, where its ./data/engine/camunda is this script's data/engine.
      dbUrl: process.env.ENGINE_DB_URL,
      dbUser: process.env.ENGINE_DB_USER ?? 'sa',
      dbPassword: process.env.ENGINE_DB_PASSWORD ?? '',
    });
    children.push(engine.child);
    engineUrl = engine.url;
  }
  const port = Number(process.env.PORT ?? 3000);
  console.log(`\n▶ Starting the API and workers on port ${port}…`);
  const api = await startApi({
    port,
    logDir: null,
    nodeEnv: process.env.NODE_ENV ?? 'development',
    engineUrl,
    databaseUrl: process.env.DATABASE_URL ?? `sqlite:${join(ROOT, 'data', 'petition.sqlite')}`,
    env: { HOST: process.env.HOST ?? '0.0.0.0' },
  });
  children.push(api.child);
  console.log(`
✔ Running.
  Web app:   http://localhost:${port}/
  API docs:  http://localhost:${port}/api/docs
  Sign in with a demo account (password Demo@2026), e.g. donghu.registrar, donghu.room1, admin.
  Ctrl+C stops everything.`);
  for (const child of children) {
    child.exited.then(({ code, signal }) => {
      console.error(`A process stopped (code ${code}, signal ${signal}); stopping the rest.`);
      stop(code ?? 1);
    });
  }
}

main().catch((error) => {
  console.error(`\n✗ ${error.message}`);
  process.exit(1);
});
