import { openDatabase, TestDatabase } from '../support/database';
import { engine, eventually } from '../support/harness';
import { register, waitForTask } from '../support/petitions';

interface ExternalTaskLog {
  timestamp: string;
  failureLog: boolean;
  successLog: boolean;
  creationLog: boolean;
  errorMessage: string | null;
  retries: number | null;
  activityId: string;
}

describe('the worker runtime', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(() => db.close());

  it('retries a failing handler with growing back-off and raises an incident when retries run out', async () => {
    // given a process whose petition does not exist, so petition-register fails every time
    const instance = await engine<{ id: string }>('POST', '/process-definition/key/petition/start', {
      businessKey: 'XF-TEST-MISSING',
      variables: { petitionId: { value: '00000000-0000-4000-8000-000000000000', type: 'String' } },
    });

    // then, after the first attempt and two retries, the engine holds an incident with the handler's message
    const incidents = await eventually(
      async () => {
        const found = await engine<{ incidentType: string; incidentMessage: string; activityId: string }[]>(
          'GET',
          `/incident?processInstanceId=${instance.id}`,
        );
        return found.length > 0 ? found : undefined;
      },
      { what: 'an incident' },
    );
    expect(incidents).toEqual([
      expect.objectContaining({
        incidentType: 'failedExternalTask',
        activityId: 'register-petition',
        incidentMessage: expect.stringContaining('does not exist'),
      }),
    ]);
    // The failures up to the first incident: an administrator in another test file may retry all
    // incidents (incidents.spec.ts), and the task then fails again after it.
    const [firstIncident] = await engine<{ createTime: string }[]>(
      'GET',
      `/history/incident?processInstanceId=${instance.id}&sortBy=createTime&sortOrder=asc`,
    );
    const failures = (
      await engine<ExternalTaskLog[]>(
        'GET',
        `/history/external-task-log?processInstanceId=${instance.id}&failureLog=true&sortBy=timestamp&sortOrder=asc`,
      )
    ).filter((log) => log.failureLog && Date.parse(log.timestamp) <= Date.parse(firstIncident.createTime));
    // the first attempt and two retries (WORKER_MAX_RETRIES=2 in the test stack): a definite failure
    expect(failures).toHaveLength(3);
    expect(failures.map((f) => f.errorMessage)).toEqual(failures.map(() => expect.not.stringContaining('[transient')));
    const gaps = failures.slice(1).map((f, i) => Date.parse(f.timestamp) - Date.parse(failures[i].timestamp));
    // WORKER_RETRY_BASE_MS=1000 in the test stack: at least 1 s, then at least 2 s
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000);

    await engine('DELETE', `/process-instance/${instance.id}?skipCustomListeners=true`);
  });

  it('gives a handler delivered twice one effect', async () => {
    // given a petition registered and routed once
    const created = await register();
    await waitForTask('donghu.room1', created.id, 'accept-decision');

    // when the engine delivers petition-register again (as after a lost lock or a crashed worker)
    await engine('POST', `/process-instance/${created.processInstanceId}/modification`, {
      instructions: [{ type: 'startBeforeActivity', activityId: 'register-petition' }],
      skipCustomListeners: true,
    });

    // then it runs again, all the way to a second acceptance task ...
    await eventually(
      async () => {
        const calls = await engine<unknown[]>('GET', `/process-instance?superProcessInstance=${created.processInstanceId}`);
        return calls.length === 2;
      },
      { what: 'the second delivery to reach handling' },
    );
    const registerRuns = await engine<ExternalTaskLog[]>(
      'GET',
      `/history/external-task-log?processInstanceId=${created.processInstanceId}&successLog=true&activityIdIn=register-petition`,
    );
    expect(registerRuns.filter((l) => l.successLog)).toHaveLength(2);

    // ... but the petition has one number, one registration and one hand-over
    const events = await db.query<{ kind: string }>('SELECT "kind" FROM "petition_event" WHERE "petitionId" = ? ORDER BY "occurredAt"', [
      created.id,
    ]);
    expect(events.map((e) => e.kind)).toEqual(['received', 'registered', 'routed']);
    const rows = await db.query<{ number: string }>('SELECT "number" FROM "petition" WHERE "id" = ?', [created.id]);
    expect(rows).toEqual([{ number: created.number }]);

    await engine('DELETE', `/process-instance/${created.processInstanceId}?skipCustomListeners=true`);
  });
});
