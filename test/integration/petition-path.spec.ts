import { api, login } from '../support/harness';
import { complete, register, waitForTask } from '../support/petitions';

describe('the path of a petition through its processes', () => {
  it('shows, per process instance, the activities passed and the one it waits at, to those who may read the case', async () => {
    // given a petition accepted by 东湖区第一办理室 and now under investigation
    const petition = await register();
    const accept = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    expect((await complete('donghu.room1', accept.id, { decision: 'accept' })).status).toBe(204);
    await waitForTask('donghu.room1', petition.id, 'handle-petition');

    // when the handler asks for its path
    const response = await api('GET', `/api/petitions/${petition.id}/path`, { token: await login('donghu.room1') });
    expect(response.status).toBe(200);
    const root = response.body.find((p: { processKey: string }) => p.processKey === 'petition');
    const unit = response.body.find((p: { processKey: string }) => p.processKey === 'unit-handling');

    // then the root process passed registration and routing and waits in the county's handling
    expect(root.passed).toEqual(expect.arrayContaining(['petition-received', 'register-petition']));
    expect(root.current).toContain('handle-at-county');
    // and the unit's process passed the acceptance decision and waits at the investigation
    expect(unit.passed).toEqual(expect.arrayContaining(['handling-requested', 'accept-decision']));
    expect(unit.current).toEqual(['handle-petition']);

    // and another county cannot learn anything about it
    expect((await api('GET', `/api/petitions/${petition.id}/path`, { token: await login('qingshan.registrar') })).status).toBe(404);
  });
});
