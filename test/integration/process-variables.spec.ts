import { engine } from '../support/harness';
import { register, waitForTask } from '../support/petitions';

interface VariableInstance {
  name: string;
  value: unknown;
}

async function variablesOf(processInstanceId: string): Promise<Map<string, unknown>> {
  const rows = await engine<VariableInstance[]>('GET', `/variable-instance?processInstanceIdIn=${processInstanceId}&deserializeValues=false`);
  return new Map(rows.map((v) => [v.name, v.value]));
}

const FORWARD_CLOCK = ['forwardDueDate', 'forwardRemindAt', 'forwardDisciplineAt'];

/**
 * What a petition's process carries on its way to the acceptance task. Every variable costs the
 * engine a row and a history row, and every write of one that exists an update of both: the
 * registration hands the process only what a path can read, and routing names the competent unit once.
 */
describe('the variables of a petition on its way to its unit', () => {
  it('carries the routing facts and the acceptance clock, and no agent-forwarding clock for a desk registration', async () => {
    // given a county complaint registered at the county desk and routed to the first handling room
    const petition = await register({ matterScope: 'county' });
    await waitForTask('donghu.room1', petition.id, 'accept-decision');

    // then the petition process names the competent unit and level once routing has run
    const variables = await variablesOf(petition.processInstanceId);
    expect({
      competentUnitCode: variables.get('competentUnitCode'),
      competentLevel: variables.get('competentLevel'),
      levelSkip: variables.get('levelSkip'),
      entryLevel: variables.get('entryLevel'),
    }).toEqual({ competentUnitCode: '990102-handling-room-1', competentLevel: 'county', levelSkip: false, entryLevel: 'county' });
    expect(variables.get('acceptDueDate')).toEqual(expect.any(String));
    // and carries no clock for a forwarding step this petition never has
    expect(FORWARD_CLOCK.filter((name) => variables.has(name))).toEqual([]);
  });

  it('gives a village agent station its forwarding clock, and routing names the unit after the forward', async () => {
    // given a villager's petition filed by the 东湖社区 agent station
    const petition = await register({ channel: 'visit', matterScope: 'village', regionCode: '990102001001' }, 'dhsq.agent');
    await waitForTask('dhsq.agent', petition.id, 'forward-to-township');

    // then the process carries the forwarding clock the agent's task and its timers run on
    const before = await variablesOf(petition.processInstanceId);
    expect(FORWARD_CLOCK.filter((name) => before.has(name))).toEqual(FORWARD_CLOCK);
    // and no competent unit yet: the agent station forwards, routing decides
    expect(before.has('competentUnitCode')).toBe(false);
  });
});
