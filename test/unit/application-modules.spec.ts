import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiModule } from '../../src/api.module';
import { WorkerRuntime } from '../../src/camunda/worker-runtime/worker-runtime.service';
import { Topic } from '../../src/camunda/process-contract';
import { loadConfig } from '../../src/config/app-config';
import { WorkerModule } from '../../src/worker.module';

/**
 * The two applications, booted for real (Nest resolves every provider; the database is an empty
 * SQLite file; nothing calls the engine, no periodic job is scheduled): the worker process is built
 * without a single controller and still runs every topic the API runs in process.
 */
describe('the API and worker applications', () => {
  const dir = mkdtempSync(join(tmpdir(), 'application-modules-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${join(dir, 'boot.sqlite')}`,
    UI_DIST: join(dir, 'no-ui'),
    REPAIR_SWEEP_SECONDS: '0',
    INCIDENT_SWEEP_MINUTES: '0',
    TASK_INDEX_RECONCILE_MINUTES: '0',
  });
  const opened: INestApplicationContext[] = [];
  const boot = async (module: ReturnType<typeof ApiModule.forRoot>) => {
    const app = await NestFactory.createApplicationContext(module, { logger: false });
    opened.push(app);
    return app;
  };
  const controllersOf = (app: INestApplicationContext) =>
    [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.keys()].map((token) => (token as { name: string }).name));
  const topicsOf = (app: INestApplicationContext) =>
    app
      .get(WorkerRuntime)
      .discoverSubscriptions()
      .map((s) => s.topic)
      .sort();

  afterAll(async () => {
    for (const app of opened) await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the worker process without controllers, running every topic the API runs', async () => {
    // given both applications booted on one configuration
    const api = await boot(ApiModule.forRoot(config));
    const worker = await boot(WorkerModule.forRoot(config));

    // then the worker holds no controller at all, while the API answers on every feature's routes
    expect(controllersOf(worker)).toEqual([]);
    expect(controllersOf(api)).toEqual(
      expect.arrayContaining(['PetitionsController', 'TasksController', 'AuthController', 'HealthController', 'PublicProgressController']),
    );
    expect(controllersOf(api).length).toBeGreaterThanOrEqual(17);

    // and both subscribe to the same topics, none missing in the worker
    expect(topicsOf(worker)).toEqual(topicsOf(api));
    expect(topicsOf(worker)).toEqual(Object.values(Topic).sort());
  });
});
