import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, login } from '../support/harness';
import { complete, register, waitForTask } from '../support/petitions';

const replyForm = JSON.parse(readFileSync(join(__dirname, '..', '..', 'processes', 'reply-petition.form'), 'utf8'));

describe("a task's form", () => {
  it('is the Camunda Form deployed with the process for the reply, and the step form elsewhere', async () => {
    const token = await login('donghu.room1');
    const petition = await register();

    // given the acceptance decision, which has no Camunda Form
    const accept = await waitForTask('donghu.room1', petition.id, 'accept-decision');
    const acceptForm = await api('GET', `/api/tasks/${accept.id}/form`, { token });
    expect(acceptForm.status).toBe(200);
    expect(acceptForm.body).toEqual({ kind: 'step' });
    // and a unit the task is not offered to learns nothing about it
    for (const other of ['qingshan.room1', 'donghu.room2', 'donghu.registrar']) {
      expect((await api('GET', `/api/tasks/${accept.id}/form`, { token: await login(other) })).status).toBe(404);
    }
    expect((await complete('donghu.room1', accept.id, { decision: 'accept' })).status).toBe(204);
    const handle = await waitForTask('donghu.room1', petition.id, 'handle-petition');
    expect((await api('GET', `/api/tasks/${handle.id}/form`, { token })).body).toEqual({ kind: 'step' });
    expect((await complete('donghu.room1', handle.id, { findings: '经核实情况属实。' })).status).toBe(204);

    // when the reply is due
    const reply = await waitForTask('donghu.room1', petition.id, 'reply-petition');
    const form = await api('GET', `/api/tasks/${reply.id}/form`, { token });

    // then its form is the shipped Camunda Form, as deployed with the process
    expect(form.status).toBe(200);
    expect(form.body.kind).toBe('camunda-form');
    expect(form.body.key).toBe('reply-petition');
    expect(form.body.schema).toEqual(replyForm);
    expect(form.body.schema.components.map((c: { key: string }) => c.key)).toEqual(['replyOutcome', 'replyText', 'serviceMethod', 'servedOn', 'note']);
    expect((await api('GET', `/api/tasks/${reply.id}/form`, { token: await login('qingshan.room1') })).status).toBe(404);

    // and the step's validation still decides what completes it: a value the form does not offer is refused
    const refused = await complete('donghu.room1', reply.id, { replyOutcome: 'maybe', replyText: '已处理', note: '' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('replyOutcome');

    // and the form's fields, exactly as named, complete it
    const done = await complete('donghu.room1', reply.id, { replyOutcome: 'explain', replyText: '已向您解释相关政策。', note: '电话告知' });
    expect(done.status).toBe(204);
    const detail = await api('GET', `/api/petitions/${petition.id}`, { token });
    expect(detail.body.replyOutcome).toBe('explain');
    expect(detail.body.replyText).toBe('已向您解释相关政策。');
    // a completed task has no form any more
    expect((await api('GET', `/api/tasks/${reply.id}/form`, { token })).status).toBe(404);
  });
});
