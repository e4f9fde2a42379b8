import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engine, stackInfo } from '../support/harness';
import { register, waitForTask } from '../support/petitions';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEngine, stopProcess } = require('../../scripts/lib/stack.cjs');

interface Count {
  count: number;
}

/**
 * The engine keeps the history the product and its operators read — process, activity, task and
 * variable instances, decision evaluations, the external-task log — and not ACT_HI_DETAIL, the log of
 * every value every variable took (about 25 rows per petition that nothing reads).
 */
describe('the engine history of a petition', () => {
  it('holds what the product reads and no per-change variable log', async () => {
    // given a petition registered and routed to its acceptance task
    const petition = await register();
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const instance = `processInstanceId=${petition.processInstanceId}`;
    // (its acceptance task is in a called process, under the same business key)
    const instances = await engine<{ id: string }[]>('GET', `/history/process-instance?processInstanceBusinessKey=${petition.number}`);
    expect(instances.length).toBeGreaterThanOrEqual(2);

    // then the engine wrote no variable detail for it, in any of its processes
    const ids = instances.map((i) => i.id).join(',');
    expect(await engine<Count>('GET', `/history/detail/count?processInstanceIdIn=${ids}`)).toEqual({ count: 0 });
    // and kept the variables' values, the routing decision, the workers' log and the task
    const variables = await engine<{ name: string }[]>('GET', `/history/variable-instance?${instance}`);
    expect(variables.map((v) => v.name)).toEqual(expect.arrayContaining(['petitionId', 'competentUnitCode', 'regionCode']));
    expect((await engine<Count>('GET', `/history/decision-instance/count?${instance}`)).count).toBeGreaterThan(0);
    expect((await engine<Count>('GET', `/history/external-task-log/count?${instance}&successLog=true`)).count).toBeGreaterThanOrEqual(2);
    const tasks = await engine<{ taskDefinitionKey: string }[]>('GET', `/history/task?processInstanceBusinessKey=${petition.number}`);
    expect(tasks.map((t) => t.taskDefinitionKey)).toContain('accept-decision');
  });
});

/**
 * The engine compares history levels by id when it starts on an existing database. The product's
 * level has full's id, so a database written at "full" (every installation before it) starts with
 * it, and ENGINE_HISTORY_LEVEL=full on a database it wrote starts too: no migration either way.
 */
describe('switching the engine between "full" and the product history level', () => {
  const logDir = join(stackInfo().outDir, 'logs', 'engine-history');
  const dir = mkdtempSync(join(tmpdir(), 'engine-history-'));
  const dbUrl = `jdbc:h2:file:${join(dir, 'camunda')};DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0`;

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function startedWith(level: string | undefined, name: string): Promise<string> {
    const node = await startEngine({ dbUrl, logDir, name, env: level ? { ENGINE_HISTORY_LEVEL: level } : {} });
    try {
      const engines = await engine<{ name: string }[]>('GET', '/engine', undefined, node.url);
      return engines.map((e) => e.name).join(',');
    } finally {
      await stopProcess(node.child);
    }
  }

  // Back from the product level to full is the same comparison of the same id: one direction is run.
  it('starts on a database written at full with the product level', async () => {
    expect(await startedWith('full', 'engine-full')).toBe('default');
    expect(await startedWith(undefined, 'engine-product-level')).toBe('default');
  }, 240_000);

  it('refuses a level of another id on that database, saying why', async () => {
    await expect(startedWith('audit', 'engine-audit')).rejects.toThrow(/exited/);
    expect(readFileSync(join(logDir, 'engine-audit.log'), 'utf8')).toMatch(/historyLevel mismatch/);
  }, 120_000);
});
