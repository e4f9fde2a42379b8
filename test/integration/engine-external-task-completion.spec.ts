import { randomUUID } from 'node:crypto';
import { engine, stackInfo } from '../support/harness';

/**
 * The engine's POST /petition/external-task/{id}/complete (engine/…/rest/ExternalTaskCompletionResource.java):
 * Camunda's completion, answering whether the step it ran touched a user task, so that the workers ask
 * the task index to read a petition's tasks again only when one came, went or changed.
 *
 * A diagram of its own, on topics no worker of the product subscribes to, so the test holds the task:
 * a service step, then either a user task or a second service step.
 */
const KEY = 'completion-probe';
const PROBE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  id="probe-definitions" targetNamespace="http://petition.gov.example/test">
  <bpmn:process id="${KEY}" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="probe-start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="probe-step" camunda:type="external" camunda:topic="probe-step"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:exclusiveGateway id="probe-choice"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>to-user</bpmn:outgoing><bpmn:outgoing>to-service</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f1" sourceRef="probe-start" targetRef="probe-step" />
    <bpmn:sequenceFlow id="f2" sourceRef="probe-step" targetRef="probe-choice" />
    <bpmn:sequenceFlow id="to-user" sourceRef="probe-choice" targetRef="probe-user-task"><bpmn:conditionExpression>\${toUser}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="to-service" sourceRef="probe-choice" targetRef="probe-next"><bpmn:conditionExpression>\${!toUser}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:userTask id="probe-user-task" camunda:candidateGroups="completion-probe-group"><bpmn:incoming>to-user</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:serviceTask id="probe-next" camunda:type="external" camunda:topic="probe-next"><bpmn:incoming>to-service</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="probe-end"><bpmn:incoming>f3</bpmn:incoming><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="probe-user-task" targetRef="probe-end" />
    <bpmn:sequenceFlow id="f4" sourceRef="probe-next" targetRef="probe-end" />
  </bpmn:process>
</bpmn:definitions>`;

const WORKER = 'completion-test';

async function deployProbe(): Promise<void> {
  const info = stackInfo();
  const form = new FormData();
  form.append('deployment-name', KEY);
  form.append('deploy-changed-only', 'true');
  form.append('probe.bpmn', new Blob([PROBE], { type: 'application/xml' }), 'probe.bpmn');
  const response = await fetch(`${info.engineUrl}/deployment/create`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(`${info.engineUser}:${info.enginePassword}`).toString('base64') },
    body: form,
  });
  if (!response.ok) throw new Error(`deploying the probe: ${response.status} ${await response.text()}`);
}

/** Starts a probe and locks its service step for this test. */
async function lockedStep(): Promise<{ taskId: string; instanceId: string; businessKey: string }> {
  const businessKey = `probe-${randomUUID()}`;
  const instance = await engine<{ id: string }>('POST', `/process-definition/key/${KEY}/start`, { businessKey });
  const [task] = await engine<{ id: string }[]>('POST', '/external-task/fetchAndLock', {
    workerId: WORKER,
    maxTasks: 1,
    topics: [{ topicName: 'probe-step', lockDuration: 60_000, processInstanceIdIn: [instance.id] }],
  });
  return { taskId: task.id, instanceId: instance.id, businessKey };
}

function complete(taskId: string, body: unknown): Promise<{ userTasksTouched: boolean }> {
  return engine('POST', `/petition/external-task/${taskId}/complete`, body);
}

describe("the engine's external-task completion", () => {
  const started: string[] = [];
  beforeAll(deployProbe);
  afterAll(async () => {
    for (const id of started) await engine('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
  });

  it('says no user task was touched when the step runs on to the next service step, and completes it with its variables', async () => {
    // given a locked service step whose process goes on to another service step
    const step = await lockedStep();
    started.push(step.instanceId);
    // when it is completed
    const answer = await complete(step.taskId, { workerId: WORKER, variables: { toUser: { value: false, type: 'Boolean' } } });
    // then nothing touched a user task, and the process waits at the next step with the variable set
    expect(answer).toEqual({ userTasksTouched: false });
    const [next] = await engine<{ activityId: string }[]>('GET', `/external-task?processInstanceId=${step.instanceId}`);
    expect(next.activityId).toBe('probe-next');
    expect(await engine('GET', `/process-instance/${step.instanceId}/variables/toUser`)).toMatchObject({ value: false, type: 'Boolean' });
  });

  it('says a user task was touched when the step creates one', async () => {
    const step = await lockedStep();
    started.push(step.instanceId);
    const answer = await complete(step.taskId, { workerId: WORKER, variables: { toUser: { value: true, type: 'Boolean' } } });
    expect(answer).toEqual({ userTasksTouched: true });
    const tasks = await engine<{ taskDefinitionKey: string }[]>('GET', `/task?processInstanceBusinessKey=${step.businessKey}`);
    expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(['probe-user-task']);
  });

  it("answers as Camunda's own completion does: 404 for an unknown task, 400 for another worker's lock, 401 without credentials", async () => {
    await expect(complete('no-such-task', { workerId: WORKER, variables: {} })).rejects.toThrow(/404.*does not exist/);
    const step = await lockedStep();
    started.push(step.instanceId);
    await expect(complete(step.taskId, { workerId: 'someone-else', variables: { toUser: { value: false, type: 'Boolean' } } })).rejects.toThrow(
      /400/,
    );
    const anonymous = await fetch(`${stackInfo().engineUrl}/petition/external-task/${step.taskId}/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workerId: WORKER }),
    });
    expect(anonymous.status).toBe(401);
    // and the task is still there, locked for its worker
    expect((await engine<{ workerId: string }>('GET', `/external-task/${step.taskId}`)).workerId).toBe(WORKER);
  });
});
