// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { i18n, translate } from '@/i18n';
import { processOfStep, STEP_KEYS } from '@/api/steps';
import { buildStepForm, missingFields, stepBody } from '@/workspaces/workbench/logic';
import { json, submitForm, until, usePageTests } from '../helpers/page';
import { mountStepForm, mountTaskPage, posts, signIn, stubApi, taskOf } from '../helpers/workbench';

// 复查决定 / 复核决定: the reviewers' steps of the 'review' process.

usePageTests();

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
    const wrapper = mountStepForm('decide-review');
    expect(wrapper.get('[data-testid="field-outcome"]').text()).toContain('决定');
    expect(wrapper.findAll('[data-testid^="field-outcome-"]').map((r) => r.text())).toEqual(['维持', '变更', '撤销并责令重新办理']);
    expect(wrapper.get('[data-testid="field-opinion"]').text()).toContain('书面意见');

    await wrapper.get('[data-testid="field-outcome-revoke"] input').setValue(true);
    await submitForm(wrapper, 'step-form');
    await until(() => expect(wrapper.get('[data-testid="field-opinion"]').text()).toContain('请填写此项'));
    expect(wrapper.emitted('submit')).toBeUndefined();

    await wrapper.get('[data-testid="input-opinion"]').setValue('原处理意见认定事实不清，撤销并责令重新办理。');
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([[{ outcome: 'revoke', opinion: '原处理意见认定事实不清，撤销并责令重新办理。' }]]);
    wrapper.unmount();
  });

  it('posts {outcome, opinion} to complete the task from the task page', async () => {
    signIn({ username: 'donghu.gov', displayName: '王审', unitCode: '990102-gov', unitName: '东湖区人民政府', roles: ['handler'] });
    const task = taskOf('decide-review', {
      id: 't9',
      created: '2026-11-23T02:00:00.000Z',
      due: '2027-01-22T15:59:59.000Z',
      assignee: 'donghu.gov',
      unit: { code: '990102-gov', name: '东湖区人民政府' },
      petition: null,
    });
    const calls = stubApi((url, init) => {
      if (init?.method === 'POST') return new Response(null, { status: 204 });
      if (url.endsWith('/form')) return json(200, { kind: 'step' });
      return json(200, task);
    });
    const { wrapper, router } = await mountTaskPage('t9');
    await until(() => expect(wrapper.get('[data-testid="step-form"]').attributes('data-step')).toBe('decide-review'));
    expect(wrapper.get('h1').text()).toContain('复查决定');

    await wrapper.get('[data-testid="field-outcome-uphold"] input').setValue(true);
    await submitForm(wrapper, 'step-form');
    expect(posts(calls)).toEqual([]);

    await wrapper.get('[data-testid="input-opinion"]').setValue('经复查，原处理意见正确，予以维持。');
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    await until(() => expect(posts(calls)).toEqual([['/api/tasks/t9/complete', { outcome: 'uphold', opinion: '经复查，原处理意见正确，予以维持。' }]]));
    await until(() => expect(router.currentRoute.value.name).toBe('workbench-tasks'));
    wrapper.unmount();
  });
});
