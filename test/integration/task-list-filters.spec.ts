import { api, login } from '../support/harness';
import { complete, register, waitForTask } from '../support/petitions';

type Item = { id: string; step: string; petition: { id: string; number: string } | null };
const list = async (username: string, query: string) => {
  const response = await api('GET', `/api/tasks?maxResults=200&${query}`, { token: await login(username) });
  return response as { status: number; body: { total: number; items: Item[]; errors?: { field: string }[] } };
};

describe('GET /api/tasks narrowed by step and petition number', () => {
  it("finds one petition's task by its number, and lists only the asked step among the caller's own steps", async () => {
    // given two petitions at 东湖区第一办理室, one accepted (being handled), one awaiting acceptance
    const [first, second] = [await register(), await register()];
    const accept = await waitForTask('donghu.room1', first.id, 'accept-decision');
    expect((await complete('donghu.room1', accept.id, { decision: 'accept' })).status).toBe(204);
    const handle = await waitForTask('donghu.room1', first.id, 'handle-petition');
    const waiting = await waitForTask('donghu.room1', second.id, 'accept-decision');

    // the number finds exactly that petition's task
    const byNumber = await list('donghu.room1', `number=${encodeURIComponent(first.number)}`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.items.map((t) => t.id)).toEqual([handle.id]);
    expect(byNumber.body.total).toBe(1);
    // typed in lower case, with spaces around it
    const typed = await list('donghu.room1', `number=${encodeURIComponent(` ${first.number.toLowerCase()} `)}`);
    expect(typed.body.items.map((t) => t.id)).toEqual([handle.id]);

    // the step narrows to that step
    const accepts = await list('donghu.room1', 'step=accept-decision');
    expect(accepts.body.items.length).toBeGreaterThan(0);
    expect(accepts.body.items.every((t) => t.step === 'accept-decision')).toBe(true);
    expect(accepts.body.items.some((t) => t.id === waiting.id)).toBe(true);
    expect(accepts.body.total).toBe(accepts.body.items.length);

    // both together
    const both = await list('donghu.room1', `step=handle-petition&number=${encodeURIComponent(second.number)}`);
    expect(both.body).toEqual({ total: 0, items: [] });
    const bothMatch = await list('donghu.room1', `step=accept-decision&number=${encodeURIComponent(second.number)}`);
    expect(bothMatch.body.items.map((t) => t.id)).toEqual([waiting.id]);

    // an unknown number lists nothing
    expect((await list('donghu.room1', 'number=XF-000000-1999-000000')).body).toEqual({ total: 0, items: [] });
  });

  it("never widens the caller's steps: a step the roles do not act on lists nothing", async () => {
    const petition = await register();
    await waitForTask('donghu.room1', petition.id, 'accept-decision');
    // a handler does not approve extensions
    const handler = await list('donghu.room1', 'step=approve-extension');
    expect(handler.status).toBe(200);
    expect(handler.body).toEqual({ total: 0, items: [] });
    // the registrar at the front desk does not see the handling room's acceptance task by asking for it
    const registrar = await list('donghu.registrar', `step=accept-decision&number=${encodeURIComponent(petition.number)}`);
    expect(registrar.body).toEqual({ total: 0, items: [] });
  });

  it('refuses malformed filters with a field error', async () => {
    const bad = await list('donghu.room1', 'step=DROP%20TABLE');
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field)).toContain('step');
    const long = await list('donghu.room1', `number=${'X'.repeat(40)}`);
    expect(long.status).toBe(400);
    expect(long.body.errors!.map((e) => e.field)).toContain('number');
  });
});
