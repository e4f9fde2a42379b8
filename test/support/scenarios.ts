import { api, login } from './harness';
import { letWindowsLapse, petitionInput, waitForProcessEnd, waitForTask } from './petitions';

/** One person acting on the petition: waits for the task `step` at their unit, then completes it. */
export interface Action {
  by: string;
  step: string;
  body: Record<string, unknown>;
  /** The status the completion should get (default 204); a refusal's message, when it is one. */
  expectStatus?: number;
  expectMessage?: string;
}

/** The outcomes that are replies (Art. 32), as the scenarios write them. */
export const REPLY_OUTCOMES = ['support', 'explain', 'reject'];

export type Outcome = { waitsAt: { by: string; step: string } } | { ends: string };

/**
 * A routing scenario as a reviewer reads the regulation: who registers what, what the units decide,
 * the chain of hand-overs it must leave ("kind from → to") and where it must end up.
 */
export interface Scenario {
  rule: string;
  registrar: string;
  petition: Record<string, unknown>;
  actions?: Action[];
  chain: string[];
  outcome: Outcome;
}

export interface ScenarioResult {
  id: string;
  number: string;
  queryCode: string;
  processInstanceId: string;
  petition: Record<string, any>;
}

export async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const created = await api('POST', '/api/petitions', {
    token: await login(scenario.registrar),
    body: petitionInput(scenario.petition),
  });
  if (created.status !== 201) throw new Error(`register: ${created.status} ${JSON.stringify(created.body)}`);
  const { id, number, queryCode, processInstanceId } = created.body;

  for (const action of scenario.actions ?? []) {
    const task = await waitForTask(action.by, id, action.step);
    const response = await api('POST', `/api/tasks/${task.id}/complete`, {
      token: await login(action.by),
      body: action.body,
      lang: 'zh-CN',
    });
    const expected = action.expectStatus ?? 204;
    if (response.status !== expected) {
      throw new Error(`${action.by} ${action.step}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
    }
    if (action.expectMessage && !String(response.body?.message).includes(action.expectMessage)) {
      throw new Error(`${action.by} ${action.step}: expected message "${action.expectMessage}", got "${response.body?.message}"`);
    }
  }

  if ('waitsAt' in scenario.outcome) {
    await waitForTask(scenario.outcome.waitsAt.by, id, scenario.outcome.waitsAt.step);
  } else if (REPLY_OUTCOMES.includes(scenario.outcome.ends)) {
    // A reply is followed by its rating and review windows; here they pass unused.
    await letWindowsLapse(processInstanceId);
  } else {
    await waitForProcessEnd(processInstanceId);
  }
  // The registering unit follows its case to the end (first-handler responsibility).
  const view = await api('GET', `/api/petitions/${id}`, { token: await login(scenario.registrar) });
  if (view.status !== 200) throw new Error(`read as ${scenario.registrar}: ${view.status}`);
  return { id, number, queryCode, processInstanceId, petition: view.body };
}

/** The chain as "kind from → to", the way the scenarios write it. */
export function chainOf(petition: Record<string, any>): string[] {
  return (petition.handOvers as { kind: string; from: { code: string } | null; to: { code: string } }[]).map(
    (h) => `${h.kind} ${h.from?.code ?? '-'} → ${h.to.code}`,
  );
}

/** An ISO date this many days from now, for assignment deadlines. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}
