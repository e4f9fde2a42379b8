// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import { DEFAULT_LOCALE, i18n, translate } from '@/i18n';
import { processOfStep, STEP_KEYS } from '@/api/steps';
import { buildStepForm, missingFields, stepBody } from '@/workspaces/workbench/logic';
import StepForm from '@/workspaces/workbench/components/StepForm.vue';
import TaskView from '@/workspaces/workbench/views/TaskView.vue';
import { session } from '@/auth/session';

// 复查决定 / 复核决定: the reviewers' steps of the 'review' process.

const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
vi.setConfig({ testTimeout: 30_000 });

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  session.signOut();
  i18n.global.locale.value = DEFAULT_LOCALE;
  document.body.innerHTML = '';
});

describe('the review decision steps', () => {
  it('belong to the review process and have names in both languages', () => {
    expect(STEP_KEYS).toContain('decide-review');
    expect(STEP_KEYS).toContain('decide-re-review');
    expect(processOfStep('decide-review')).toBe('review');
    expect(processOfStep('decide-re-review')).toBe('review');
    expect(processOfStep('reply-petition')).toBe('unit-handling');
    expect(translate('workbench.steps.decide-review')).toBe('复查决定');
    expect(translate('workbench.steps.decide-re-review')).toBe('复核决定');
    expect(translate('supervision.steps.decide-review')).toBe('复查决定');
    i18n.global.locale.value = 'en';
    expect(translate('workbench.steps.decide-re-review')).toBe('Re-review decision');
    expect(translate('workbench.values.outcome.revoke')).toBe('Revoke and order re-handling');
    expect(translate('workbench.fields.opinion')).toBe('Written opinion');
  });

  it('need an outcome and a written opinion, and send {outcome, opinion}', () => {
    for (const step of ['decide-review', 'decide-re-review']) {
      const form = buildStepForm(step);
      expect(form.fields.map((f) => [f.name, f.kind])).toEqual([
        ['outcome', 'radio'],
        ['opinion', 'textarea'],
      ]);
      expect(form.fields[0]!.choices).toEqual(['uphold', 'change', 'revoke']);
      expect(missingFields(form, form.initial)).toEqual(['outcome', 'opinion']);
      expect(missingFields(form, { outcome: 'uphold', opinion: '   ' })).toEqual(['opinion']);
      expect(stepBody(form, { outcome: 'change', opinion: ' 变更为支持。 ' })).toEqual({ outcome: 'change', opinion: '变更为支持。' });
    }
  });

  it('asks for the opinion in the form before emitting anything', async () => {
    const wrapper = mount(StepForm, {
      props: { step: 'decide-review', options: {}, units: [], fieldErrors: [] },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    expect(wrapper.get('[data-testid="field-outcome"]').text()).toContain('决定');
    expect(wrapper.findAll('[data-testid^="field-outcome-"]').map((r) => r.text())).toEqual(['维持', '变更', '撤销并责令重新办理']);
    expect(wrapper.get('[data-testid="field-opinion"]').text()).toContain('书面意见');

    await wrapper.get('[data-testid="field-outcome-revoke"] input').setValue(true);
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    await settle();
    await until(() => expect(wrapper.get('[data-testid="field-opinion"]').text()).toContain('请填写此项'));
    expect(wrapper.emitted('submit')).toBeUndefined();

    await wrapper.get('[data-testid="input-opinion"]').setValue('原处理意见认定事实不清，撤销并责令重新办理。');
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([[{ outcome: 'revoke', opinion: '原处理意见认定事实不清，撤销并责令重新办理。' }]]);
    wrapper.unmount();
  });

  it('posts {outcome, opinion} to complete the task from the task page', async () => {
    session.signIn({
      accessToken: 'token',
      user: { username: 'donghu.gov', displayName: '王审', unitCode: '990102-gov', unitName: '东湖区人民政府', roles: ['handler'] },
    });
    const task = {
      id: 't9',
      name: null,
      step: 'decide-review',
      created: '2026-11-23T02:00:00.000Z',
      due: '2027-01-22T15:59:59.000Z',
      assignee: 'donghu.gov',
      unit: { code: '990102-gov', name: '东湖区人民政府' },
      petition: null,
      options: {},
    };
    const posted: [string, unknown][] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posted.push([url, JSON.parse(String(init.body))]);
          return new Response(null, { status: 204 });
        }
        if (url.endsWith('/form')) return json(200, { kind: 'step' });
        return json(200, task);
      }),
    );
    const Stub = defineComponent({ template: '<div />' });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/workbench/tasks', name: 'workbench-tasks', component: Stub },
        { path: '/workbench/tasks/:id', name: 'workbench-task', component: Stub },
      ],
    });
    await router.push('/workbench/tasks/t9');
    await router.isReady();
    const wrapper = mount(TaskView, { global: { plugins: [i18n, router] }, attachTo: document.body });
    await settle();
    await until(() => expect(wrapper.get('[data-testid="step-form"]').attributes('data-step')).toBe('decide-review'));
    expect(wrapper.get('h1').text()).toContain('复查决定');

    await wrapper.get('[data-testid="field-outcome-uphold"] input').setValue(true);
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    await settle();
    expect(posted).toEqual([]);

    await wrapper.get('[data-testid="input-opinion"]').setValue('经复查，原处理意见正确，予以维持。');
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    await until(() => expect(posted).toEqual([['/api/tasks/t9/complete', { outcome: 'uphold', opinion: '经复查，原处理意见正确，予以维持。' }]]));
    await until(() => expect(router.currentRoute.value.name).toBe('workbench-tasks'));
    wrapper.unmount();
  });
});
