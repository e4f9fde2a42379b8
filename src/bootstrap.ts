import { INestApplicationContext, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProcessDeployer } from './camunda/process-deployer.service';
import { AppConfig } from './config/app-config';
import { DemoSeeder } from './demo/demo-seeder';

/** Schema and demo data: run by the API before it serves anything. */
export async function prepareDatabase(app: INestApplicationContext, config: AppConfig): Promise<void> {
  const dataSource = app.get(DataSource);
  await dataSource.runMigrations({ transaction: 'each' });
  if (config.seedDemo) await app.get(DemoSeeder).seed();
}

/** A separate worker process waits for the API to have migrated the schema instead of racing it. */
export async function waitForMigrations(app: INestApplicationContext, timeoutMs = 120_000): Promise<void> {
  const dataSource = app.get(DataSource);
  const deadline = Date.now() + timeoutMs;
  while (await dataSource.showMigrations()) {
    if (Date.now() > deadline) throw new Error('The database schema is not migrated; start the API first');
    Logger.log('Waiting for the API to migrate the database…', 'Bootstrap');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

export async function connectEngine(app: INestApplicationContext, deploy: boolean): Promise<void> {
  const deployer = app.get(ProcessDeployer);
  await deployer.waitForEngine();
  if (deploy) await deployer.deployProcessDirectory();
}
