import { engine, stackInfo } from '../support/harness';
import { register, waitForTask } from '../support/petitions';

interface OfferedTask {
  id: string;
  taskDefinitionKey: string;
  processInstanceId: string;
  due: string | null;
  created: string;
  candidateGroups: string[];
}

/**
 * The engine's GET /petition/open-tasks (engine/…/rest/OpenTasksResource.java): what the task index
 * reads after every step — a petition's open tasks with the groups they are offered to — in one call,
 * as Camunda's own task query and identity links give them.
 */
describe("the engine's open tasks of a petition", () => {
  it('gives the acceptance task of a routed petition with the unit it is offered to, as the task query does', async () => {
    // given a county complaint routed to the first handling room
    const petition = await register({ matterScope: 'county' });
    await waitForTask('donghu.room1', petition.id, 'accept-decision');

    // when the open tasks of its number are asked for
    const [offered, ...more] = await engine<OfferedTask[]>('GET', `/petition/open-tasks?businessKey=${encodeURIComponent(petition.number)}`);

    // then there is the one task, offered to the room, with what Camunda's own query says of it
    expect(more).toEqual([]);
    expect(offered.candidateGroups).toEqual(['990102-handling-room-1']);
    const [queried] = await engine<OfferedTask[]>('POST', '/task', { processInstanceBusinessKey: petition.number });
    const same = (t: OfferedTask) => ({ id: t.id, step: t.taskDefinitionKey, instance: t.processInstanceId, due: t.due, created: t.created });
    expect(same(offered)).toEqual(same(queried));
    const links = await engine<{ groupId: string | null; type: string }[]>('GET', `/task/${offered.id}/identity-links`);
    expect(links.filter((l) => l.type === 'candidate').map((l) => l.groupId)).toEqual(offered.candidateGroups);
  });

  it('answers an unknown number with no tasks, a missing one with 400, and nobody without credentials', async () => {
    expect(await engine('GET', '/petition/open-tasks?businessKey=XF-000000-2026-999999')).toEqual([]);
    await expect(engine('GET', '/petition/open-tasks')).rejects.toThrow(/400.*businessKey is required/);
    const anonymous = await fetch(`${stackInfo().engineUrl}/petition/open-tasks?businessKey=XF-000000-2026-999999`);
    expect(anonymous.status).toBe(401);
  });
});
