import { openDatabase, TestDatabase } from '../support/database';
import { api, engine, eventually, login, stackInfo } from '../support/harness';
import { complete, register, Registered, waitForTask } from '../support/petitions';

/**
 * No engine call inside a database transaction (issue #12): a task completion tells the engine first
 * and writes the step's records after, with an intent row in between. These are the two failures in
 * between, made real: the engine refusing after the intent was written, and the database failing
 * after the engine took the completion. Nothing half-done may stay behind.
 */
describe('completing a task when the engine or the database fails in between', () => {
  let db: TestDatabase;
  const mariadb = () => stackInfo().database.type === 'mariadb';
  beforeAll(async () => {
    db = await openDatabase({ writable: true });
  });
  afterAll(() => db.close());

  const status = async (petition: Registered) =>
    (await db.query<{ status: string }>('SELECT "status" FROM "petition" WHERE "id" = ?', [petition.id]))[0].status;
  const timeline = async (petition: Registered, kind: string) =>
    db.query('SELECT "id" FROM "petition_event" WHERE "petitionId" = ? AND "kind" = ?', [petition.id, kind]);
  const intents = async (taskId: string) => db.query('SELECT "taskId" FROM "task_completion" WHERE "taskId" = ?', [taskId]);

  it('changes nothing anywhere when the engine refuses the completion', async () => {
    // given a petition waiting for acceptance whose process instance an operator suspended
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const unitInstance = (await engine<{ processInstanceId: string }>('GET', `/task/${task.id}`)).processInstanceId;
    await engine('PUT', `/process-instance/${unitInstance}/suspended`, { suspended: true });
    try {
      // when the unit accepts it
      const answer = await complete('donghu.room1', task.id, { decision: 'accept' });
      // then the engine's refusal is passed on as such
      expect(answer.status).toBe(502);
      // and the records say nothing happened: no acceptance, no deadline, no intent left behind
      expect(await status(petition)).toBe('awaiting-acceptance');
      expect(await timeline(petition, 'accepted')).toHaveLength(0);
      expect(await intents(task.id)).toHaveLength(0);
    } finally {
      await engine('PUT', `/process-instance/${unitInstance}/suspended`, { suspended: false });
    }
    // and once the instance runs again, the same completion succeeds
    expect((await complete('donghu.room1', task.id, { decision: 'accept' })).status).toBe(204);
    expect(await status(petition)).toBe('handling');
    expect(await timeline(petition, 'accepted')).toHaveLength(1);
  });

  it('writes the records later, exactly once, when the database fails after the engine took the completion', async () => {
    // given a petition waiting for acceptance, and a database that fails the transaction writing the
    // step's records (it ends by removing the completion's intent; nothing else does)
    const petition = await register();
    const task = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const trigger = `test_refuse_records_${petition.id.slice(0, 8)}`;
    await db.query(
      mariadb()
        ? `CREATE TRIGGER ${trigger} BEFORE DELETE ON task_completion FOR EACH ROW BEGIN IF OLD.petitionId = '${petition.id}' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk full'; END IF; END`
        : `CREATE TRIGGER ${trigger} BEFORE DELETE ON task_completion WHEN OLD.petitionId = '${petition.id}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    let answer;
    try {
      // when the unit accepts it
      answer = await complete('donghu.room1', task.id, { decision: 'accept' });
    } finally {
      await db.query(`DROP TRIGGER ${trigger}`);
    }
    // then the person is told the step is done and its records follow
    expect(answer.status).toBe(202);
    expect(answer.body.status).toBe('recording');
    // and the engine has moved on (the handling task exists) while the records have not
    expect((await engine<unknown[]>('GET', `/task?processInstanceBusinessKey=${petition.number}&taskDefinitionKey=handle-petition`)).length).toBe(1);
    expect(await status(petition)).toBe('awaiting-acceptance');
    expect(await intents(task.id)).toHaveLength(1);

    // then the recovery writes the acceptance once the database takes it again, exactly once
    await eventually(async () => (await status(petition)) === 'handling', { what: 'the acceptance to be recorded', timeoutMs: 60_000 });
    expect(await timeline(petition, 'accepted')).toHaveLength(1);
    expect(await intents(task.id)).toHaveLength(0);
    const view = await api('GET', `/api/petitions/${petition.id}`, { token: await login('donghu.room1') });
    expect(view.body.deadlines.map((d: { name: string }) => d.name)).toContain('handling');
  }, 120_000);
});
