// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildStepForm, chinaToday, invalidFields, servedOnProblem, stepBody } from '@/workspaces/workbench/logic';
import { json, submitForm, until, usePageTests } from '../helpers/page';
import { mountStepForm, mountTaskPage, petitionOf, posts, ROOM1, ROOM1_HANDLER, signIn, stubApi, taskOf } from '../helpers/workbench';

// 出具处理意见's own form (used when the process's Camunda Form cannot be loaded): how and when the reply
// is served (送达); and the case's service, ratings, reviews and conclusion on the task page.

usePageTests();
const DAY = 86_400_000;

describe('the service date', () => {
  const now = new Date('2026-11-29T02:00:00.000Z'); // 10:00 on 29 November in China

  it('is today or a later day within 15 days (China time)', () => {
    expect(chinaToday(now)).toBe('2026-11-29');
    expect(chinaToday(new Date('2026-11-29T16:30:00.000Z'))).toBe('2026-11-30');
    expect(servedOnProblem('', now)).toBeNull();
    expect(servedOnProblem('2026-11-29', now)).toBeNull();
    expect(servedOnProblem('2026-12-13', now)).toBeNull();
    expect(servedOnProblem('2026-11-28', now)).toBe('workbench.task.servedOnRange');
    // noon of the 15th day is more than 15 × 24 hours away at 10:00 (the API's rule)
    expect(servedOnProblem('2026-12-14', now)).toBe('workbench.task.servedOnRange');
    expect(servedOnProblem('2026-12-31', now)).toBe('workbench.task.servedOnRange');
    expect(servedOnProblem('29/11/2026', now)).toBe('workbench.task.servedOnRange');
  });

  it('is part of the reply form, with the service method defaulting to in person', () => {
    const form = buildStepForm('reply-petition');
    expect(form.fields.map((f) => [f.name, f.kind])).toEqual([
      ['replyOutcome', 'radio'],
      ['replyText', 'textarea'],
      ['serviceMethod', 'radio'],
      ['servedOn', 'date'],
    ]);
    expect(form.fields[2]!.choices).toEqual(['in-person', 'post', 'sms', 'online']);
    expect(form.initial.serviceMethod).toBe('in-person');
    expect(stepBody(form, { ...form.initial, replyOutcome: 'support', replyText: ' 已维修 ' })).toEqual({
      replyOutcome: 'support',
      replyText: '已维修',
      serviceMethod: 'in-person',
    });
    expect(stepBody(form, { ...form.initial, replyOutcome: 'explain', replyText: '说明', serviceMethod: 'post', servedOn: '2026-12-02' })).toEqual({
      replyOutcome: 'explain',
      replyText: '说明',
      serviceMethod: 'post',
      servedOn: '2026-12-02',
    });
    expect(invalidFields(form, { ...form.initial, servedOn: '2026-11-01' }, now)).toEqual([{ field: 'servedOn', message: 'workbench.task.servedOnRange' }]);
  });
});

describe('the reply form', () => {
  it('labels the service methods and refuses a service date out of range', async () => {
    const wrapper = mountStepForm('reply-petition');
    expect(wrapper.findAll('[data-testid^="field-serviceMethod-"]').map((r) => r.text())).toEqual(['直接送达', '邮寄送达', '短信告知', '网上送达']);
    expect(wrapper.get('[data-testid="field-servedOn"]').text()).toContain('送达日期');
    expect(wrapper.get('[data-testid="hint-servedOn"]').text()).toContain('15日内');

    await wrapper.get('[data-testid="field-replyOutcome-support"] input').setValue(true);
    await wrapper.get('[data-testid="input-replyText"]').setValue('已督促物业维修。');
    await wrapper.get('[data-testid="field-serviceMethod-post"] input').setValue(true);
    (wrapper.vm as unknown as { model: Record<string, unknown> }).model.servedOn = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    await submitForm(wrapper, 'step-form');
    expect(wrapper.emitted('submit')).toBeUndefined();
    await until(() => expect(wrapper.get('[data-testid="field-servedOn"]').text()).toContain('送达日期须为今天或此后15日内的日期'));

    const inAWeek = chinaToday(new Date(Date.now() + 7 * DAY));
    (wrapper.vm as unknown as { model: Record<string, unknown> }).model.servedOn = inAWeek;
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([[{ replyOutcome: 'support', replyText: '已督促物业维修。', serviceMethod: 'post', servedOn: inAWeek }]]);
    wrapper.unmount();
  });

  it('posts serviceMethod from the task page when the Camunda Form cannot be loaded, and shows the case after the reply', async () => {
    signIn(ROOM1_HANDLER);
    const task = taskOf('reply-petition', { id: 't7' });
    const petition = petitionOf({
      status: 'concluded',
      subject: '外墙',
      petitioners: [],
      timeline: [
        { kind: 'served', at: '2026-11-20T02:00:00.000Z', unit: ROOM1, actor: 'donghu.room1', note: null },
        { kind: 'rating-lapsed', at: '2026-11-28T02:00:00.000Z', unit: null, actor: null, note: null },
      ],
      servedAt: '2026-11-20T02:00:00.000Z',
      serviceMethod: 'sms',
      ratings: [
        { replyRound: 1, handlingUnit: 'dissatisfied', petitionOffice: null, ratedUnit: ROOM1, comment: '<i>太慢</i>', channel: 'online', at: '2026-11-21T02:00:00.000Z' },
      ],
      reviews: [
        {
          stage: 'review',
          replyRound: 1,
          channel: 'phone',
          reasons: '维修不彻底',
          requestedAt: '2026-11-22T02:00:00.000Z',
          reviewedUnit: ROOM1,
          reviewingUnit: { code: '990102-gov', name: '东湖区人民政府' },
          dueAt: '2027-01-21T15:59:59.000Z',
          outcome: 'uphold',
          opinion: '经复查，予以维持。',
          decidedAt: '2026-12-01T02:00:00.000Z',
        },
      ],
      concludedAt: '2026-12-20T02:00:00.000Z',
      conclusionGround: 're-review-lapsed',
    });
    const calls = stubApi((url, init) => {
      if (init?.method === 'POST') return new Response(null, { status: 204 });
      if (url.endsWith('/form')) return json(500, { message: '表单服务不可用' });
      if (url === '/api/petitions/p1') return json(200, petition);
      if (url === '/api/tasks/t7') return json(200, task);
      return json(404, {});
    });
    const { wrapper } = await mountTaskPage('t7');
    await until(() => expect(wrapper.get('[data-testid="step-form"]').attributes('data-step')).toBe('reply-petition'));
    // no hearing on a reply
    expect(wrapper.find('[data-testid="task-hearing"]').exists()).toBe(false);

    const after = wrapper.get('[data-testid="after-reply-card"]').text();
    expect(wrapper.get('[data-testid="case-service-method"]').text()).toBe('短信告知');
    expect(after).toContain('2026-11-20 10:00');
    expect(after).toContain('不满意');
    expect(after).toContain('未评价');
    expect(after).toContain('<i>太慢</i>');
    expect(document.querySelector('[data-testid="after-reply-card"] i:not(.el-icon)')).toBeNull();
    expect(after).toContain('东湖区人民政府');
    expect(after).toContain('维持');
    expect(after).toContain('经复查，予以维持。');
    expect(wrapper.get('[data-testid="case-conclusion"]').text()).toContain('未在期限内申请复核，复查意见生效');
    const timeline = wrapper.get('[data-testid="timeline"]').text();
    expect(timeline).toContain('已送达');
    expect(timeline).toContain('未评价');

    await wrapper.get('[data-testid="field-replyOutcome-support"] input').setValue(true);
    await wrapper.get('[data-testid="input-replyText"]').setValue('已督促物业维修。');
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    await until(() =>
      expect(posts(calls)).toEqual([['/api/tasks/t7/complete', { replyOutcome: 'support', replyText: '已督促物业维修。', serviceMethod: 'in-person' }]]),
    );
    wrapper.unmount();
  });
});
