// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { i18n, translate } from '@/i18n';
import { processOfStep, STEP_KEYS } from '@/api/steps';
import {
  chinaIso,
  emptySchedule,
  recordBody,
  scheduleBody,
  scheduleProblems,
  stoppedFor,
} from '@/workspaces/workbench/hearing';
import ScheduleHearingForm from '@/workspaces/workbench/components/ScheduleHearingForm.vue';
import type { HearingView, Representative } from '@/workspaces/workbench/types';
import { json, settle, submitForm, until, usePageTests } from '../helpers/page';
import { mountTaskPage, petitionOf, posts, ROOM1_HANDLER, signIn, stubApi, taskOf, type Answer } from '../helpers/workbench';

// 听证 (hearings) and 群众代表 (public representatives) on the task page.

usePageTests();
const DAY = 86_400_000;
/** China wall-clock time as the date picker gives it ("YYYY-MM-DD HH:mm"). */
const chinaLocal = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const REPRESENTATIVES: Representative[] = [
  { id: 'r1', regionCode: '990102', regionName: '东湖区', name: '李明', kind: 'deputy', organisation: '东湖区人大常委会', contact: '138****8001', active: true },
  { id: 'r2', regionCode: '990102001', regionName: '东湖街道', name: '王芳', kind: 'community', organisation: null, contact: '139****8002', active: true },
  { id: 'r3', regionCode: '990102', regionName: '东湖区', name: '赵强', kind: 'cppcc-member', organisation: '区政协', contact: '137****8003', active: false },
];

const OPEN_HEARING: HearingView = {
  id: 'h2',
  stage: 'handling',
  unit: { code: '990102-handling-room-1', name: '第一办理室' },
  initiatedBy: 'petitioner',
  reason: '信访人书面申请听证',
  requestedAt: '2026-11-20T02:00:00.000Z',
  scheduledAt: '2026-12-10T01:30:00.000Z',
  place: '东湖区信访局听证室',
  presidingOfficer: 'donghu.head',
  public: true,
  closedReason: null,
  participants: [{ role: 'petitioner', name: '张三' }],
  representatives: [
    { id: 'r1', name: '李明', kind: 'deputy' },
    { id: 'r2', name: '王芳', kind: 'community' },
  ],
  minutes: null,
  conclusion: null,
  closedAt: null,
  clockStopped: null,
};

const CLOSED_HEARING: HearingView = {
  ...OPEN_HEARING,
  id: 'h1',
  stage: 'handling',
  initiatedBy: 'body',
  reason: '事项复杂',
  public: false,
  closedReason: '涉及个人隐私',
  representatives: [{ id: 'r3', name: '赵强', kind: 'cppcc-member' }],
  minutes: '<b>笔录</b>',
  conclusion: '维持原认定',
  requestedAt: '2026-10-01T00:00:00.000Z',
  closedAt: '2026-10-03T03:00:00.000Z',
  clockStopped: { from: '2026-10-01T00:00:00.000Z', until: '2026-10-03T03:00:00.000Z', ms: 2 * DAY + 3 * 3_600_000 },
};

/** The case of the hearing tests: a hearing was requested and a representative gave an opinion. */
function petitionWith(extra: Record<string, unknown> = {}) {
  return petitionOf({
    timeline: [
      { kind: 'hearing-requested', at: '2026-11-20T02:00:00.000Z', unit: null, actor: 'donghu.room1', note: '信访人书面申请听证' },
      { kind: 'representative-opinion', at: '2026-11-21T02:00:00.000Z', unit: null, actor: 'donghu.room1', note: '同意' },
    ],
    ...extra,
  });
}

/** Signs in a handler and mounts the task page; `handle` answers first, then the defaults below. */
async function mountTask(step: string, handle: Answer, petition = petitionWith(), assignee: string | null = 'donghu.room1') {
  signIn(ROOM1_HANDLER);
  const calls = stubApi((url, init, body) => {
    const answer = handle(url, init, body);
    if (answer) return answer;
    if (url.endsWith('/form')) return json(200, { kind: 'step' });
    if (url.startsWith('/api/representatives')) return json(200, REPRESENTATIVES);
    if (url === '/api/petitions/p1') return json(200, petition);
    if (url.startsWith('/api/petitions/p1/path')) return json(200, []);
    if (url.startsWith('/api/processes/')) return json(404, { message: 'no diagram' });
    if (url === '/api/tasks/t1') return json(200, taskOf(step, { assignee }));
    return undefined;
  });
  const { wrapper, router } = await mountTaskPage('t1');
  await until(() => expect(wrapper.find('h1').exists()).toBe(true));
  return { wrapper, calls, router };
}

/** An ElAlert is announced (role="alert"); in tests its transition is stubbed around it. */
const isAlert = (el: { attributes: (name: string) => string | undefined; find: (selector: string) => { exists: () => boolean } }) =>
  el.attributes('role') === 'alert' || el.find('[role="alert"]').exists();

describe('the hearing steps', () => {
  it('belong to the hearing process and have names in both languages', () => {
    expect(STEP_KEYS).toContain('schedule-hearing');
    expect(STEP_KEYS).toContain('record-hearing');
    expect(processOfStep('schedule-hearing')).toBe('hearing');
    expect(processOfStep('record-hearing')).toBe('hearing');
    expect(processOfStep('decide-review')).toBe('review');
    expect(processOfStep('handle-petition')).toBe('unit-handling');
    expect(translate('workbench.steps.schedule-hearing')).toBe('听证安排');
    expect(translate('workbench.steps.record-hearing')).toBe('听证笔录与结论');
    expect(translate('supervision.steps.schedule-hearing')).toBe('听证安排');
    for (const [kind, text] of [
      ['new-facts', '新的事实和理由'],
      ['hearing-requested', '申请/决定听证'],
      ['hearing-scheduled', '听证安排'],
      ['hearing-held', '听证结束（恢复计时）'],
      ['representative-invited', '邀请群众代表'],
      ['representative-opinion', '群众代表意见'],
    ]) {
      expect(translate(`workbench.values.event.${kind}`)).toBe(text);
    }
    i18n.global.locale.value = 'en';
    expect(translate('workbench.steps.record-hearing')).toBe('Hearing minutes and conclusion');
    expect(translate('workbench.values.event.hearing-held')).toBe('Hearing held (clock resumed)');
    expect(translate('workbench.values.representativeKind.cppcc-member')).toBe('CPPCC member');
  });
});

describe('the schedule rules', () => {
  const now = new Date('2026-12-01T02:00:00.000Z'); // 10:00 in China
  const filled = () => ({ ...emptySchedule(), scheduledAt: '2026-12-10 09:30', place: ' 听证室 ', presidingOfficer: 'donghu.head' });

  it('reads the picked time as China time', () => {
    expect(chinaIso('2026-12-10 09:30')).toBe('2026-12-10T09:30:00+08:00');
    expect(chinaIso('2026-02-30 09:30')).toBeNull();
    expect(chinaIso('tomorrow')).toBeNull();
  });

  it('refuses a hearing less than 7 days away, and asks for the reason of a closed one', () => {
    expect(scheduleProblems(filled(), now)).toEqual([]);
    expect(scheduleProblems({ ...filled(), scheduledAt: '2026-12-08 09:59' }, now)).toEqual([{ field: 'scheduledAt', message: 'workbench.hearing.tooSoon' }]);
    expect(scheduleProblems({ ...filled(), scheduledAt: '2026-12-08 10:00' }, now)).toEqual([]);
    expect(scheduleProblems({ ...filled(), public: false, closedReason: '  ' }, now)).toEqual([{ field: 'closedReason', message: 'workbench.task.required' }]);
    expect(scheduleProblems(emptySchedule(), now).map((p) => p.field)).toEqual(['scheduledAt', 'place', 'presidingOfficer']);
    expect(scheduleProblems({ ...filled(), participants: [{ role: '', name: '' }, { role: 'lawyer', name: '' }] }, now)).toEqual([
      { field: 'participants[1].name', message: 'workbench.task.required' },
    ]);
  });

  it('builds the body: offset time, trimmed text, no closed reason when public, empty rows left out', () => {
    expect(
      scheduleBody({
        ...filled(),
        participants: [{ role: 'petitioner', name: ' 张三 ' }, { role: '', name: '' }],
        representativeIds: ['r1', 'r1', 'r2'],
        closedReason: 'left over',
      }),
    ).toEqual({
      scheduledAt: '2026-12-10T09:30:00+08:00',
      place: '听证室',
      presidingOfficer: 'donghu.head',
      public: true,
      participants: [{ role: 'petitioner', name: '张三' }],
      representativeIds: ['r1', 'r2'],
    });
    expect(scheduleBody({ ...filled(), public: false, closedReason: ' 涉及个人隐私 ' })).toEqual({
      scheduledAt: '2026-12-10T09:30:00+08:00',
      place: '听证室',
      presidingOfficer: 'donghu.head',
      public: false,
      closedReason: '涉及个人隐私',
    });
  });

  it('sends opinions of invited representatives only, and only filled ones', () => {
    const invited = OPEN_HEARING.representatives;
    expect(recordBody({ minutes: ' 笔录 ', conclusion: ' 结论 ', opinions: { r1: ' 同意 ', r2: ' ', r3: '不在邀请之列' } }, invited)).toEqual({
      minutes: '笔录',
      conclusion: '结论',
      opinions: [{ representativeId: 'r1', opinion: '同意' }],
    });
    expect(recordBody({ minutes: 'm', conclusion: 'c', opinions: {} }, invited)).toEqual({ minutes: 'm', conclusion: 'c' });
    expect(stoppedFor(2 * DAY + 3 * 3_600_000 + 59 * 60_000)).toEqual({ days: 2, hours: 3 });
  });
});

describe('the hearing request on a task page', () => {
  it('is offered on investigation, review and re-review tasks only', async () => {
    for (const [step, offered] of [
      ['handle-petition', true],
      ['decide-review', true],
      ['decide-re-review', true],
      ['reply-petition', false],
      ['accept-decision', false],
    ] as const) {
      const { wrapper } = await mountTask(step, () => undefined);
      await until(() => expect(wrapper.find('[data-testid="task-claim"]').exists()).toBe(false));
      expect(wrapper.find('[data-testid="task-hearing"]').exists(), step).toBe(offered);
      wrapper.unmount();
      vi.unstubAllGlobals();
    }
  });

  it('posts {initiatedBy, reason}, shows a 409 message, and closes once the hearing is decided', async () => {
    let answer = json(409, { statusCode: 409, message: '本件已有一场听证正在进行，结束后才能再次听证' });
    const { wrapper, calls } = await mountTask('handle-petition', (url, init) => (init?.method === 'POST' && url === '/api/tasks/t1/hearing' ? answer : undefined));
    await wrapper.get('[data-testid="task-hearing"]').trigger('click');
    await settle();
    const dialog = () => wrapper.get('[data-testid="hearing-form"]');
    expect(wrapper.get('[data-testid="hearing-clock-note"]').text()).toContain('听证期间不计入办理期限');
    expect(wrapper.get('[data-testid="hearing-clock-note"]').text()).toContain('第三十六条');
    expect(wrapper.findAll('[data-testid^="hearing-initiated-by-"]').map((r) => r.text())).toEqual(['由信访人书面申请', '本机关决定']);

    // nothing is sent before both are given
    await submitForm(wrapper, 'hearing-form');
    expect(posts(calls)).toEqual([]);
    await until(() => expect(wrapper.get('[data-testid="hearing-initiated-by"]').text()).toContain('请填写此项'));

    await wrapper.get('[data-testid="hearing-initiated-by-petitioner"] input').setValue(true);
    await wrapper.get('[data-testid="hearing-reason"]').setValue(' 信访人书面申请听证 ');
    await dialog().trigger('submit');
    await until(() => expect(wrapper.get('[data-testid="hearing-error"]').text()).toContain('本件已有一场听证正在进行'));
    expect(isAlert(wrapper.get('[data-testid="hearing-error"]'))).toBe(true);
    expect(posts(calls)).toEqual([['/api/tasks/t1/hearing', { initiatedBy: 'petitioner', reason: '信访人书面申请听证' }]]);

    answer = json(201, { id: 'h9', stage: 'handling', requestedAt: '2026-11-29T02:00:00.000Z' });
    const petitionReads = () => calls.filter((c) => c.url === '/api/petitions/p1').length;
    const before = petitionReads();
    await dialog().trigger('submit');
    await until(() => expect(petitionReads()).toBeGreaterThan(before));
    expect(posts(calls)).toHaveLength(2);
    await until(() => expect(wrapper.find('[data-testid="hearing-error"]').exists()).toBe(false));
    wrapper.unmount();
  });

  it('is not offered again while a hearing is under way, and shows the hearings with the time the clock stood still', async () => {
    const { wrapper } = await mountTask('handle-petition', () => undefined, petitionWith({ hearings: [CLOSED_HEARING, OPEN_HEARING] }));
    await until(() => expect(wrapper.find('[data-testid="task-hearing-under-way"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="task-hearing"]').exists()).toBe(false);
    const closed = wrapper.get('[data-testid="hearing-h1"]').text();
    expect(closed).toContain('办理时限暂停 2 天 3 小时（第三十六条）');
    expect(closed).toContain('不公开：涉及个人隐私');
    expect(closed).toContain('赵强（政协委员）');
    expect(closed).toContain('<b>笔录</b>');
    expect(document.querySelector('[data-testid="hearing-h1"] b')).toBeNull();
    expect(wrapper.get('[data-testid="hearing-h2"]').text()).toContain('听证进行中，办理时限暂停（第三十六条）');
    expect(wrapper.get('[data-testid="timeline"]').text()).toContain('申请/决定听证');
    expect(wrapper.get('[data-testid="timeline"]').text()).toContain('群众代表意见');
    wrapper.unmount();
  });
});

describe('the schedule-hearing form', () => {
  async function scheduleTask(handle: Answer = () => undefined) {
    const mounted = await mountTask('schedule-hearing', handle, petitionWith({ hearings: [{ ...OPEN_HEARING, scheduledAt: null, place: null, presidingOfficer: null, public: null, participants: [], representatives: [] }] }));
    await until(() => expect(mounted.wrapper.find('[data-testid="schedule-hearing-form"]').exists()).toBe(true));
    await until(() => expect(mounted.wrapper.find('[data-testid="representatives"]').exists()).toBe(true));
    return mounted;
  }
  const formOf = (wrapper: VueWrapper) => (wrapper.findComponent(ScheduleHearingForm).vm as unknown as { form: { scheduledAt: string; participants: { role: string; name: string }[] } }).form;

  it('offers the active representatives only, and posts the schedule', async () => {
    const { wrapper, calls, router } = await scheduleTask((_url, init) => (init?.method === 'POST' ? new Response(null, { status: 204 }) : undefined));
    expect(wrapper.get('h1').text()).toContain('听证安排');
    expect(wrapper.get('[data-testid="field-presidingOfficer"]').text()).toContain('主持人须未参与本案调查核实');
    const offered = wrapper.findAll('[data-testid^="representative-r"]').map((c) => c.attributes('data-testid'));
    expect(offered).toEqual(['representative-r1', 'representative-r2']);
    expect(wrapper.get('[data-testid="representative-r1"]').text()).toContain('李明（人大代表）');
    expect(wrapper.get('[data-testid="representative-r2"]').text()).toContain('群众代表');

    const when = chinaLocal(Date.now() + 10 * DAY);
    formOf(wrapper).scheduledAt = when;
    await wrapper.get('[data-testid="input-place"]').setValue('东湖区信访局听证室');
    await wrapper.get('[data-testid="input-presidingOfficer"]').setValue('donghu.head');
    await wrapper.get('[data-testid="participant-add"]').trigger('click');
    await settle();
    formOf(wrapper).participants[0]!.role = 'petitioner';
    await wrapper.get('[data-testid="participant-name-0"]').setValue('张三');
    await wrapper.get('[data-testid="representative-r2"] input').setValue(true);
    await wrapper.get('[data-testid="schedule-hearing-form"]').trigger('submit');
    await until(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0]).toEqual([
      '/api/tasks/t1/complete',
      {
        scheduledAt: `${when.replace(' ', 'T')}:00+08:00`,
        place: '东湖区信访局听证室',
        presidingOfficer: 'donghu.head',
        public: true,
        participants: [{ role: 'petitioner', name: '张三' }],
        representativeIds: ['r2'],
      },
    ]);
    await until(() => expect(router.currentRoute.value.name).toBe('workbench-tasks'));
    wrapper.unmount();
  });

  it('refuses a hearing less than 7 days away and requires the reason of a closed hearing', async () => {
    const { wrapper, calls } = await scheduleTask((_url, init) => (init?.method === 'POST' ? new Response(null, { status: 204 }) : undefined));
    formOf(wrapper).scheduledAt = chinaLocal(Date.now() + 3 * DAY);
    await wrapper.get('[data-testid="input-place"]').setValue('听证室');
    await wrapper.get('[data-testid="input-presidingOfficer"]').setValue('donghu.head');
    await wrapper.get('[data-testid="input-public-false"] input').setValue(true);
    await settle();
    expect(wrapper.get('[data-testid="field-closedReason"]').text()).toContain('涉及国家秘密、商业秘密或个人隐私');
    await submitForm(wrapper, 'schedule-hearing-form');
    expect(posts(calls)).toEqual([]);
    await until(() => expect(wrapper.get('[data-testid="field-scheduledAt"]').text()).toContain('听证须提前7日通知当事人'));
    await until(() => expect(wrapper.get('[data-testid="field-closedReason"]').text()).toContain('请填写此项'));
    expect(isAlert(wrapper.get('[data-testid="schedule-problems"]'))).toBe(true);

    const when = chinaLocal(Date.now() + 8 * DAY);
    formOf(wrapper).scheduledAt = when;
    await wrapper.get('[data-testid="input-closedReason"]').setValue('涉及个人隐私');
    await wrapper.get('[data-testid="schedule-hearing-form"]').trigger('submit');
    await until(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0]![1]).toEqual({
      scheduledAt: `${when.replace(' ', 'T')}:00+08:00`,
      place: '听证室',
      presidingOfficer: 'donghu.head',
      public: false,
      closedReason: '涉及个人隐私',
    });
    wrapper.unmount();
  });

  it("shows the server's message when it refuses the schedule", async () => {
    const { wrapper, calls } = await scheduleTask((_url, init) =>
      init?.method === 'POST' ? json(400, { statusCode: 400, message: '刘洋参与过本案的调查核实，不能主持听证' }) : undefined,
    );
    formOf(wrapper).scheduledAt = chinaLocal(Date.now() + 10 * DAY);
    await wrapper.get('[data-testid="input-place"]').setValue('听证室');
    await wrapper.get('[data-testid="input-presidingOfficer"]').setValue('donghu.room1');
    await wrapper.get('[data-testid="schedule-hearing-form"]').trigger('submit');
    await until(() => expect(wrapper.get('[data-testid="task-submit-error"]').text()).toContain('不能主持听证'));
    expect(posts(calls)).toHaveLength(1);
    expect(wrapper.find('[data-testid="schedule-hearing-form"]').exists()).toBe(true);
    wrapper.unmount();
  });
});

describe('the record-hearing form', () => {
  it('has one opinion box per representative invited to the open hearing and posts the filled ones', async () => {
    const { wrapper, calls } = await mountTask(
      'record-hearing',
      (_url, init) => (init?.method === 'POST' ? new Response(null, { status: 204 }) : undefined),
      petitionWith({ hearings: [CLOSED_HEARING, OPEN_HEARING] }),
    );
    await until(() => expect(wrapper.find('[data-testid="record-hearing-form"]').exists()).toBe(true));
    expect(wrapper.get('h1').text()).toContain('听证笔录与结论');
    const boxes = wrapper.findAll('[data-testid^="opinion-r"]').map((b) => b.attributes('data-testid'));
    expect(boxes).toEqual(['opinion-r1', 'opinion-r2']);
    expect(wrapper.get('[data-testid="opinion-r1"]').text()).toContain('李明（人大代表）的意见');
    expect(wrapper.get('[data-testid="record-hearing-summary"]').text()).toContain('东湖区信访局听证室');

    await submitForm(wrapper, 'record-hearing-form');
    expect(posts(calls)).toEqual([]);
    await until(() => expect(wrapper.get('[data-testid="field-minutes"]').text()).toContain('请填写此项'));

    await wrapper.get('[data-testid="input-minutes"]').setValue('主持人宣布听证开始……');
    await wrapper.get('[data-testid="input-conclusion"]').setValue('事实清楚，维持原认定。');
    await wrapper.get('[data-testid="input-opinion-r2"]').setValue(' 同意听证结论 ');
    await wrapper.get('[data-testid="record-hearing-form"]').trigger('submit');
    await until(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0]).toEqual([
      '/api/tasks/t1/complete',
      { minutes: '主持人宣布听证开始……', conclusion: '事实清楚，维持原认定。', opinions: [{ representativeId: 'r2', opinion: '同意听证结论' }] },
    ]);
    wrapper.unmount();
  });
});

describe('public representatives in the handling', () => {
  it('invites one and records an opinion, and shows a 403 message', async () => {
    let opinionAnswer = json(403, { statusCode: 403, message: '只有本件的办理单位可以记录群众代表意见' });
    const { wrapper, calls } = await mountTask('handle-petition', (url, init) => {
      if (init?.method !== 'POST') return undefined;
      if (url === '/api/petitions/p1/representatives') return new Response(null, { status: 204 });
      if (url === '/api/petitions/p1/representative-opinions') return opinionAnswer;
      return undefined;
    });
    await until(() => expect(wrapper.find('[data-testid="case-representatives"]').exists()).toBe(true));
    const panel = wrapper.findComponent({ name: 'CaseRepresentativesPanel' });
    await until(() => expect(calls.some((c) => c.url === '/api/representatives')).toBe(true));
    await settle();
    const selects = panel.findAllComponents({ name: 'ElSelect' });
    selects[0]!.vm.$emit('update:modelValue', 'r1');
    await wrapper.get('[data-testid="invite-purpose"]').setValue('参与调查核实');
    await wrapper.get('[data-testid="invite-form"]').trigger('submit');
    await until(() => expect(posts(calls)).toEqual([['/api/petitions/p1/representatives', { representativeId: 'r1', purpose: '参与调查核实' }]]));

    selects[1]!.vm.$emit('update:modelValue', 'r2');
    await wrapper.get('[data-testid="opinion-text"]').setValue('建议尽快修复');
    await wrapper.get('[data-testid="opinion-form"]').trigger('submit');
    await until(() => expect(wrapper.get('[data-testid="opinion-error"]').text()).toContain('只有本件的办理单位可以记录'));

    opinionAnswer = json(201, { id: 'o1' });
    await wrapper.get('[data-testid="opinion-form"]').trigger('submit');
    await until(() => expect(posts(calls)).toHaveLength(3));
    expect(posts(calls)[2]).toEqual(['/api/petitions/p1/representative-opinions', { representativeId: 'r2', opinion: '建议尽快修复' }]);
    await until(() => expect(wrapper.find('[data-testid="opinion-error"]').exists()).toBe(false));
    wrapper.unmount();
  });
});
