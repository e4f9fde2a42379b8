// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import DueDate from '@/workspaces/workbench/components/DueDate.vue';
import StepForm from '@/workspaces/workbench/components/StepForm.vue';
import TaskListView from '@/workspaces/workbench/views/TaskListView.vue';
import RegisterView from '@/workspaces/workbench/views/RegisterView.vue';
import { session } from '@/auth/session';
import { json, settle } from '../helpers/page';
import { mountTaskPage, mountWorkbenchPage, petitionOf, ROOM1_HANDLER, signIn, taskOf } from '../helpers/workbench';

const NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  i18n.global.locale.value = DEFAULT_LOCALE;
  document.body.innerHTML = '';
});

describe('DueDate', () => {
  it('colours overdue red and near-due orange, with a word for each', () => {
    const level = (due: string | null) => mount(DueDate, { props: { due, now: NOW }, global: { plugins: [i18n] } });
    const overdue = level(at(-1));
    expect(overdue.get('.wb-due').classes()).toContain('wb-due--overdue');
    expect(overdue.text()).toContain('已超期');
    const soon = level(at(2));
    expect(soon.get('.wb-due').classes()).toContain('wb-due--soon');
    expect(soon.text()).toContain('即将到期');
    expect(level(at(10)).get('.wb-due').attributes('data-due-level')).toBe('ok');
    expect(level(null).text()).toBe('—');
  });
});

describe('StepForm', () => {
  const mountForm = (props: Record<string, unknown>) =>
    mount(StepForm, {
      props: { step: 'accept-decision', options: { decisions: ['accept', 'decline', 'transfer'] }, units: [], fieldErrors: [], ...props },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });

  it('offers the allowed decisions, asks for a reason when declining, and submits the body', async () => {
    const wrapper = mountForm({});
    const radios = wrapper.findAll('[data-testid^="field-decision-"]').map((r) => r.attributes('data-testid'));
    expect(radios).toEqual(['field-decision-accept', 'field-decision-decline', 'field-decision-transfer']);
    expect(wrapper.find('[data-testid="field-reason"]').exists()).toBe(false);

    (wrapper.vm as unknown as { model: Record<string, unknown> }).model.decision = 'decline';
    await settle();
    expect(wrapper.find('[data-testid="field-reason"]').exists()).toBe(true);
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    await settle();
    await vi.waitFor(() => expect(wrapper.get('[data-testid="field-reason"]').text()).toContain('请填写此项'));
    expect(wrapper.emitted('submit')).toBeUndefined();

    await wrapper.get('[data-testid="input-reason"]').setValue('不属于信访事项');
    await wrapper.get('[data-testid="step-form"]').trigger('submit');
    expect(wrapper.emitted('submit')).toEqual([[{ decision: 'decline', reason: '不属于信访事项' }]]);
  });

  it('tells who sent the petition and whether it may still be returned', () => {
    const wrapper = mountForm({
      options: { decisions: ['accept'], sender: { code: 'a', name: '东湖区信访接待办理中心' }, reportUpTo: null, returnWindowEnds: '2026-06-05T15:59:59Z', bound: true },
    });
    const hints = wrapper.get('[data-testid="decision-hints"]').text();
    expect(hints).toContain('移送单位：东湖区信访接待办理中心');
    expect(hints).toContain('退回须在 2026-06-05 23:59 前');
    expect(hints).toContain('不能再退回');
  });

  it("shows the API's field errors next to their fields, and the rest above the button", async () => {
    const wrapper = mountForm({
      step: 'reply-petition',
      options: {},
      fieldErrors: [
        { field: 'replyText', message: '答复内容不能为空' },
        { field: 'other', message: '其他错误' },
      ],
    });
    await settle();
    await vi.waitFor(() => expect(wrapper.get('[data-testid="field-replyText"]').text()).toContain('答复内容不能为空'));
    expect(wrapper.text()).toContain('其他错误');
  });

  it('renders user text as text, never as markup', async () => {
    const wrapper = mountForm({ step: 'handle-petition', options: {}, fieldErrors: [{ field: 'findings', message: '<img src=x onerror=alert(1)>' }] });
    await settle();
    await vi.waitFor(() => expect(wrapper.get('[data-testid="field-findings"]').text()).toContain('<img src=x onerror=alert(1)>'));
    expect(wrapper.find('img').exists()).toBe(false);
  });
});

describe('TaskListView', () => {
  it('asks the API for the tab, page, step and number, and shows step names in Chinese', async () => {
    const fetchMock = vi.fn(async () =>
      json(200, {
        total: 1,
        items: [
          {
            id: 't1',
            name: null,
            step: 'accept-decision',
            created: NOW.toISOString(),
            due: at(-1),
            assignee: null,
            unit: { code: 'u', name: '第一办理室' },
            petition: { id: 'p1', number: 'XF-990102-2026-000001', subject: '外墙脱落', category: 'complaint', status: 'registered' },
          },
        ],
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { wrapper } = await mountWorkbenchPage(TaskListView, '/workbench/tasks?tab=unclaimed');
    expect((fetchMock.mock.calls[0] as unknown[])[0]).toBe('/api/tasks?filter=unclaimed&firstResult=0&maxResults=20');
    expect(wrapper.text()).toContain('受理决定');
    expect(wrapper.text()).toContain('外墙脱落');
    expect(wrapper.find('[data-due-level="overdue"]').exists()).toBe(true);

    await wrapper.get('input[data-testid="task-search-number"]').setValue('XF-990102-2026-000001');
    await wrapper.get('form[role="search"]').trigger('submit');
    await settle();
    expect((fetchMock.mock.calls.at(-1) as unknown[])[0]).toBe('/api/tasks?filter=unclaimed&firstResult=0&maxResults=20&number=XF-990102-2026-000001');
  });

  it("shows the API's message when the list fails", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(503, { statusCode: 503, message: '流程引擎暂不可用' })));
    const { wrapper } = await mountWorkbenchPage(TaskListView, '/workbench/tasks');
    expect(wrapper.get('[data-testid="task-list-error"]').text()).toContain('流程引擎暂不可用');
  });
});

describe('RegisterView', () => {
  const regions = [
    { code: '990100', name: '示范市', level: 'city', parentCode: null },
    { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
  ];

  async function mountRegister(post: (body: unknown) => Response) {
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'POST' ? post(JSON.parse(String(init.body))) : json(200, regions),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { wrapper } = await mountWorkbenchPage(RegisterView, '/workbench/register');
    return { wrapper, fetchMock };
  }

  it('checks the ID number in the browser, in Chinese, before sending anything', async () => {
    const { wrapper, fetchMock } = await mountRegister(() => json(201, {}));
    await wrapper.get('input[data-testid="register-subject"]').setValue('外墙脱落');
    await wrapper.get('textarea[data-testid="register-content"]').setValue('瓷砖脱落');
    await wrapper.get('input[data-testid="register-name-0"]').setValue('张三');
    await wrapper.get('input[data-testid="register-id-0"]').setValue('110105194912310021');
    await wrapper.get('[data-testid="register-form"]').trigger('submit');
    await settle();
    await vi.waitFor(() => expect(wrapper.text()).toContain('身份证号校验位不正确'));
    // the region; Element Plus shows each item's error after its own short debounce, so not necessarily together
    await vi.waitFor(() => expect(wrapper.text()).toContain('请填写此项'));
    expect(fetchMock.mock.calls.filter((c) => (c[1] as RequestInit | undefined)?.method === 'POST')).toHaveLength(0);
  });

  it("shows the API's field errors at their fields, then the number and the query code once registered", async () => {
    let answer: Response = json(400, {
      statusCode: 400,
      message: '事发地不存在',
      errors: [{ field: 'regionCode', code: 'unknownRegion', message: '事发地不存在' }],
    });
    const { wrapper } = await mountRegister(() => answer);
    const vm = wrapper.vm as unknown as { $: { setupState: { form: { regionCode: string } } } };
    await wrapper.get('input[data-testid="register-subject"]').setValue('外墙脱落');
    await wrapper.get('textarea[data-testid="register-content"]').setValue('瓷砖脱落');
    await wrapper.get('input[data-testid="register-name-0"]').setValue('张三');
    await wrapper.get('input[data-testid="register-id-0"]').setValue('11010519491231002X');
    vm.$.setupState.form.regionCode = '990102';
    await wrapper.get('[data-testid="register-form"]').trigger('submit');
    await settle();
    await vi.waitFor(() => expect(wrapper.get('[data-testid="register-error"]').text()).toContain('事发地不存在'));
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item__error').map((e) => e.text())).toContain('事发地不存在'));

    answer = json(201, { id: 'p1', number: 'XF-990102-2026-000009', queryCode: 'K7Q2-M9XP', status: 'registered' });
    await wrapper.get('[data-testid="register-form"]').trigger('submit');
    await settle();
    expect(wrapper.get('[data-testid="register-number"]').text()).toBe('XF-990102-2026-000009');
    expect(wrapper.get('[data-testid="register-query-code"]').text()).toBe('K7Q2-M9XP');
    expect(wrapper.text()).toContain('查询码只显示这一次');
  });

  it('says when the matter was recorded on the open case instead of a new one (no query code)', async () => {
    const { wrapper } = await mountRegister(() =>
      json(200, { repeat: 'recorded-on-open-case', id: 'p0', number: 'XF-990102-2026-000003', processInstanceId: 'x', status: 'handling' }),
    );
    const vm = wrapper.vm as unknown as { $: { setupState: { form: { regionCode: string } } } };
    await wrapper.get('input[data-testid="register-subject"]').setValue('外墙脱落');
    await wrapper.get('textarea[data-testid="register-content"]').setValue('瓷砖脱落');
    await wrapper.get('input[data-testid="register-name-0"]').setValue('张三');
    await wrapper.get('input[data-testid="register-id-0"]').setValue('11010519491231002X');
    vm.$.setupState.form.regionCode = '990102';
    await wrapper.get('[data-testid="register-form"]').trigger('submit');
    await settle();
    expect(wrapper.get('[data-testid="register-number"]').text()).toBe('XF-990102-2026-000003');
    expect(wrapper.find('[data-testid="register-query-code"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="register-repeat"]').text()).toContain('已记入原件');
  });
});

describe('TaskView', () => {
  const task = taskOf('handle-petition', { created: NOW.toISOString(), due: at(20), assignee: null });
  const petition = petitionOf({
    subject: '<script>alert(1)</script>外墙',
    content: '<img src=x onerror=alert(1)>瓷砖脱落',
    deadlines: [{ name: 'handling', dueAt: at(20), days: 60, article: '信访工作条例 第三十四条', description: '', metAt: null }],
    timeline: [{ kind: 'accepted', at: NOW.toISOString(), unit: null, actor: 'donghu.room1', note: null }],
  });

  async function mountTask(claim: () => Response) {
    signIn(ROOM1_HANDLER);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') return claim();
        return url.startsWith('/api/petitions/') ? json(200, petition) : json(200, task);
      }),
    );
    const { wrapper } = await mountTaskPage('t1');
    return wrapper;
  }

  afterEach(() => session.signOut());

  it('shows petitioners as the API masked them and user text as text', async () => {
    const wrapper = await mountTask(() => json(200, {}));
    const people = wrapper.get('[data-testid="petitioners"]').text();
    expect(people).toContain('1101**********002X');
    expect(people).toContain('张*');
    expect(wrapper.get('[data-testid="petition-summary"]').text()).toContain('<img src=x onerror=alert(1)>瓷砖脱落');
    expect(document.querySelector('[data-testid="petition-summary"] img, [data-testid="petition-summary"] script')).toBeNull();
    expect(wrapper.get('[data-testid="timeline"]').text()).toContain('受理');
    // not claimed yet: the form waits for the claim
    expect(wrapper.find('[data-testid="step-form"]').exists()).toBe(false);
  });

  it("shows the API's message when the claim fails, and the form once claimed", async () => {
    let answer = json(409, { statusCode: 409, message: '该任务已由 donghu.room1b 签收，不能由您办理' });
    const wrapper = await mountTask(() => answer);
    await wrapper.get('[data-testid="task-claim"]').trigger('click');
    await settle();
    await vi.waitFor(() => expect(document.body.textContent).toContain('该任务已由 donghu.room1b 签收'));

    answer = json(200, { ...task, assignee: 'donghu.room1' });
    await wrapper.get('[data-testid="task-claim"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="step-form"]').attributes('data-step')).toBe('handle-petition');
    expect(wrapper.find('[data-testid="task-extension"]').exists()).toBe(true);
  });

  it("draws the task's Camunda Form instead of the step form, and shows the API's field errors by its labels", async () => {
    const schema = {
      id: 'reply-petition',
      type: 'default',
      components: [{ id: 'text', key: 'replyText', type: 'textfield', label: '答复内容', validate: { required: true } }],
    };
    signIn(ROOM1_HANDLER);
    const posted: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          posted.push(JSON.parse(String(init.body)));
          return json(400, { statusCode: 400, message: '提交的内容有误', errors: [{ field: 'replyText', message: '答复内容过长' }] });
        }
        if (url.endsWith('/form')) return json(200, { kind: 'camunda-form', key: 'reply-petition', schema });
        if (url.startsWith('/api/petitions/')) return json(200, petition);
        return json(200, { ...task, step: 'reply-petition', assignee: 'donghu.room1' });
      }),
    );
    const { wrapper } = await mountTaskPage('t1');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="camunda-form"] .fjs-form').exists()).toBe(true));
    expect(wrapper.get('[data-testid="camunda-form"]').attributes('data-form-key')).toBe('reply-petition');
    expect(wrapper.find('[data-testid="step-form"]').exists()).toBe(false);

    await wrapper.get('[data-testid="camunda-form"] input[type="text"]').setValue('已维修');
    await wrapper.get('[data-testid="task-submit"]').trigger('click');
    await settle();
    expect(posted).toEqual([{ replyText: '已维修' }]);
    await vi.waitFor(() => expect(wrapper.get('[data-testid="camunda-form-errors"]').text()).toContain('答复内容：答复内容过长'));
    // the form stays open for the correction
    expect(wrapper.find('[data-testid="camunda-form"]').exists()).toBe(true);
  });
});
