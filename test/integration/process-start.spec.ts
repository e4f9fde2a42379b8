import { openDatabase, TestDatabase } from '../support/database';
import { engine, eventually } from '../support/harness';
import { register, waitForTask } from '../support/petitions';

/**
 * The engine answered the start of a petition's process and then lost it (killed before its commit
 * reached the disk): the petition stayed "received" for good, pointing at an instance that never was.
 * The API's start sweep (REPAIR_SWEEP_SECONDS, 2 s in the test stack) must find and restart it.
 */
describe('petitions whose process the engine lost (issue #11)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  it('are started again, once, and reach their acceptance task', async () => {
    // given a petition whose process instance the engine has no record of, running or ended
    const petition = await register();
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const lost = petition.processInstanceId;
    await engine('DELETE', `/process-instance/${lost}?skipCustomListeners=true&skipSubprocesses=false`);
    await engine('DELETE', `/history/process-instance/${lost}`);
    await db.query('UPDATE "petition" SET "status" = ?, "receivedAt" = ? WHERE "id" = ?', [
      'received',
      new Date(Date.now() - 5 * 60_000).toISOString().replace('T', ' ').replace('Z', ''),
      petition.id,
    ]);

    // then the sweep starts a new instance under the petition's number
    const restarted = await eventually(
      async () => {
        const [row] = await db.query<{ processInstanceId: string | null }>('SELECT "processInstanceId" FROM "petition" WHERE "id" = ?', [petition.id]);
        return row.processInstanceId && row.processInstanceId !== lost ? row.processInstanceId : undefined;
      },
      { what: 'a new process instance', timeoutMs: 30_000 },
    );
    expect((await engine<{ businessKey: string }>('GET', `/process-instance/${restarted}`)).businessKey).toBe(petition.number);
    // and it goes on to the acceptance task again
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    // and no second instance was started beside it
    const running = await engine<unknown[]>('GET', `/process-instance?businessKey=${petition.number}&processDefinitionKey=petition`);
    expect(running).toHaveLength(1);
  });
});
