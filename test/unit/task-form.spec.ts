import 'reflect-metadata';
import { taskNotFound } from '../../src/access/access-denied';
import type { Principal } from '../../src/auth/principal';
import { CamundaError, type CamundaRestClient } from '../../src/camunda/camunda-rest.client';
import { TaskFormService } from '../../src/tasks/form/task-form.service';
import type { TasksService } from '../../src/tasks/tasks.service';

const principal = { username: 'donghu.room1', unitCode: '990102-handling-room-1', roles: ['handler'] } as Principal;
const schema = { id: 'reply-petition', components: [{ key: 'replyText', type: 'textarea' }] };

function service(engine: { form?: unknown; deployed?: () => Promise<unknown>; offered?: () => Promise<unknown> }) {
  const calls: string[] = [];
  const tasks = {
    offeredTask: async () => {
      calls.push('offeredTask');
      return (engine.offered ?? (async () => ({ id: 't1' })))();
    },
  } as unknown as TasksService;
  const camunda = {
    taskForm: async () => {
      calls.push('taskForm');
      return engine.form;
    },
    deployedTaskForm: async () => {
      calls.push('deployedTaskForm');
      return (engine.deployed ?? (async () => schema))();
    },
  } as unknown as CamundaRestClient;
  return { forms: new TaskFormService(tasks, camunda), calls };
}

describe("a task's form", () => {
  it('is the Camunda Form a user task references through camunda:formRef', async () => {
    const { forms } = service({ form: { key: null, camundaFormRef: { key: 'reply-petition', binding: 'deployment', version: null } } });
    await expect(forms.formOf(principal, 't1')).resolves.toEqual({ kind: 'camunda-form', key: 'reply-petition', schema });
  });

  it('names the version when the reference binds one', async () => {
    const { forms } = service({ form: { key: null, camundaFormRef: { key: 'reply-petition', binding: 'version', version: 3 } } });
    await expect(forms.formOf(principal, 't1')).resolves.toMatchObject({ kind: 'camunda-form', version: 3 });
  });

  it('is a Camunda Form for a camunda-forms: form key too, and the step form for any other key or none', async () => {
    const keyed = service({ form: { key: 'camunda-forms:deployment:reply.form', camundaFormRef: null } });
    await expect(keyed.forms.formOf(principal, 't1')).resolves.toMatchObject({ kind: 'camunda-form', key: 'camunda-forms:deployment:reply.form' });
    const embedded = service({ form: { key: 'embedded:app:forms/x.html', camundaFormRef: null } });
    await expect(embedded.forms.formOf(principal, 't1')).resolves.toEqual({ kind: 'step' });
    const none = service({ form: { key: null, camundaFormRef: null } });
    await expect(none.forms.formOf(principal, 't1')).resolves.toEqual({ kind: 'step' });
    expect(none.calls).toEqual(['offeredTask', 'taskForm']);
  });

  it('checks access before asking the engine anything', async () => {
    const { forms, calls } = service({
      form: { key: null, camundaFormRef: null },
      offered: async () => {
        throw taskNotFound('t1');
      },
    });
    await expect(forms.formOf(principal, 't1')).rejects.toMatchObject({ resourceType: 'task' });
    expect(calls).toEqual(['offeredTask']);
  });

  it('falls back to the step form when the engine cannot resolve the referenced form, but not when the engine fails', async () => {
    const missing = service({
      form: { key: null, camundaFormRef: { key: 'reply-petition', binding: 'deployment', version: null } },
      deployed: async () => {
        throw new CamundaError(404, 'NotFoundException', 'No form found');
      },
    });
    await expect(missing.forms.formOf(principal, 't1')).resolves.toEqual({ kind: 'step' });
    const down = service({
      form: { key: null, camundaFormRef: { key: 'reply-petition', binding: 'deployment', version: null } },
      deployed: async () => {
        throw new CamundaError(500, 'ProcessEngineException', 'boom');
      },
    });
    await expect(down.forms.formOf(principal, 't1')).rejects.toThrow('boom');
  });
});
