// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { copyText } from '@/workspaces/workbench/clipboard';
import { defaultContactPreference, emptyPetitioner, registrationBody, registrationProblems } from '@/workspaces/workbench/registration';
import type { RegistrationInput } from '@/workspaces/workbench/types';
import RegisterView from '@/workspaces/workbench/views/RegisterView.vue';
import { json, settle, submitForm, until, usePageTests } from '../helpers/page';
import { pdf, stubTabs } from '../helpers/pdf';
import { signIn, stubApi, mountWorkbenchPage } from '../helpers/workbench';

// Registration: the petitioner's e-mail and 告知方式, and, once registered, the receipt and the query code.

usePageTests();

const NOW = new Date('2026-06-01T00:00:00Z');
const REGISTRAR = { username: 'donghu.office', displayName: '陈静', unitCode: '990102-office', unitName: '东湖区信访局', roles: ['registrar'] };
const REGIONS = [
  { code: '990100', name: '示范市', level: 'city', parentCode: null },
  { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
];
const REGISTERED = { id: 'p1', number: 'XF-990102-2026-000009', queryCode: 'K7Q2-M9XP-3RTA', status: 'received' };

function valid(petitioner: Partial<RegistrationInput['petitioners'][number]> = {}): RegistrationInput {
  return {
    channel: 'visit',
    category: 'complaint',
    matterScope: 'county',
    subject: '外墙脱落',
    content: '3号楼外墙瓷砖脱落',
    regionCode: '990102001002',
    personCount: 1,
    petitioners: [{ ...emptyPetitioner(), name: '张三', idNumber: '11010519491231002x', ...petitioner }],
  };
}

const problems = (input: RegistrationInput) => registrationProblems(input, NOW).map((p) => `${p.field}:${p.message.split('.').pop()}`);

describe('the e-mail and the way of notices', () => {
  it('checks the e-mail, and that the chosen way has its contact', () => {
    expect(problems(valid({ email: 'zhang@example.cn', contactPreference: 'email' }))).toEqual([]);
    expect(problems(valid({ email: 'zhang@example' }))).toEqual(['petitioners[0].email:emailFormat']);
    expect(problems(valid({ email: `${'a'.repeat(250)}@ex.cn` }))).toEqual(['petitioners[0].email:emailFormat']);
    expect(problems(valid({ contactPreference: 'email' }))).toEqual(['petitioners[0].email:emailNeeded']);
    expect(problems(valid({ contactPreference: 'sms' }))).toEqual(['petitioners[0].phone:smsNeedsPhone']);
    expect(problems(valid({ contactPreference: 'sms', phone: '0571-88886666' }))).toEqual(['petitioners[0].phone:smsNeedsMobile']);
    expect(problems(valid({ contactPreference: 'sms', phone: '138 0013 8000' }))).toEqual([]);
    expect(problems(valid({ contactPreference: 'letter' }))).toEqual([]);
  });

  it('sends them only when given, and knows the default the API applies', () => {
    expect(registrationBody(valid()).petitioners).toEqual([{ name: '张三', idNumber: '11010519491231002X' }]);
    expect(registrationBody(valid({ email: ' zhang@example.cn ', contactPreference: 'letter', phone: '138 0013 8000' })).petitioners).toEqual([
      { name: '张三', idNumber: '11010519491231002X', phone: '13800138000', email: 'zhang@example.cn', contactPreference: 'letter' },
    ]);
    expect(defaultContactPreference({ phone: '13800138000', email: 'a@b.cn' })).toBe('sms');
    expect(defaultContactPreference({ phone: '', email: 'a@b.cn' })).toBe('email');
    expect(defaultContactPreference({ phone: ' ', email: '' })).toBe('letter');
  });
});

type Form = { petitioners: { contactPreference: string }[]; regionCode: string };
const formOf = (wrapper: VueWrapper) => (wrapper.vm as unknown as { $: { setupState: { form: Form } } }).$.setupState.form;

async function fillIn(wrapper: VueWrapper, email: string) {
  await wrapper.get('input[data-testid="register-subject"]').setValue('外墙脱落');
  await wrapper.get('textarea[data-testid="register-content"]').setValue('瓷砖脱落');
  await wrapper.get('input[data-testid="register-name-0"]').setValue('张三');
  await wrapper.get('input[data-testid="register-id-0"]').setValue('11010519491231002X');
  await wrapper.get('input[data-testid="register-email-0"]').setValue(email);
  formOf(wrapper).regionCode = '990102';
  formOf(wrapper).petitioners[0]!.contactPreference = 'email';
  await settle();
}

const fieldErrors = (wrapper: VueWrapper) => wrapper.findAll('.el-form-item__error').map((e) => e.text());

async function registered(answer: () => Response = () => json(201, REGISTERED)) {
  signIn(REGISTRAR);
  const calls = stubApi((url, init) => {
    if (url === '/api/org/regions') return json(200, REGIONS);
    if (url === '/api/petitions' && init?.method === 'POST') return answer();
    if (url === '/api/petitions/p1/receipt' && init?.method === 'POST') return pdf();
    return undefined;
  });
  const { wrapper } = await mountWorkbenchPage(RegisterView, '/workbench/register');
  await fillIn(wrapper, 'zhang@example.cn');
  await submitForm(wrapper, 'register-form');
  await until(() => expect(wrapper.find('[data-testid="register-query-code"]').exists()).toBe(true));
  return { wrapper, calls };
}

describe('the registration form', () => {
  it("shows the e-mail check beside the field, then the API's own field message there", async () => {
    signIn(REGISTRAR);
    const calls = stubApi((url, init) => {
      if (url === '/api/org/regions') return json(200, REGIONS);
      if (url === '/api/petitions' && init?.method === 'POST') {
        return json(400, { message: '请求参数有误', errors: [{ field: 'petitioners[0].email', message: '该邮箱域名不存在' }] });
      }
      return undefined;
    });
    const { wrapper } = await mountWorkbenchPage(RegisterView, '/workbench/register');
    expect(wrapper.find('[data-testid="register-contact-pref-0"]').exists()).toBe(true);
    await fillIn(wrapper, 'zhang@');
    await submitForm(wrapper, 'register-form');
    await until(() => expect(fieldErrors(wrapper)).toEqual(['请填写有效的电子邮箱地址']));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await wrapper.get('input[data-testid="register-email-0"]').setValue('zhang@nowhere.invalid');
    await submitForm(wrapper, 'register-form');
    await until(() => expect(fieldErrors(wrapper)).toEqual(['该邮箱域名不存在']));
    const post = calls.find((c) => c.method === 'POST')!;
    expect((post.body as { petitioners: unknown[] }).petitioners).toEqual([
      { name: '张三', idNumber: '11010519491231002X', email: 'zhang@nowhere.invalid', contactPreference: 'email' },
    ]);
    wrapper.unmount();
  });
});

describe('after a registration', () => {
  it('prints the receipt: the query code posted with the token in the header, the PDF opened in a new tab', async () => {
    const { wrapper, calls } = await registered();
    const tabs = stubTabs();
    await wrapper.get('[data-testid="register-print-receipt"]').trigger('click');
    await until(() => expect(tabs.tab.location.href).toBe('blob:pdf-1'));
    expect(tabs.open).toHaveBeenCalledTimes(1);
    expect(calls.at(-1)).toEqual({ url: '/api/petitions/p1/receipt', method: 'POST', body: { queryCode: 'K7Q2-M9XP-3RTA' } });
    const init = (globalThis.fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls.at(-1)![1];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer token');
    wrapper.unmount();
  });

  it('downloads the receipt when popups are blocked', async () => {
    const { wrapper } = await registered();
    const blocked = stubTabs(true);
    await wrapper.get('[data-testid="register-print-receipt"]').trigger('click');
    await until(() => expect(blocked.downloads).toEqual(['XF-990102-2026-000009-登记回执.pdf']));
    expect(document.body.textContent).toContain('PDF 已下载');
    wrapper.unmount();
  });

  it('closes the opened tab and says why when the receipt cannot be made', async () => {
    signIn(REGISTRAR);
    stubApi((url, init) => {
      if (url === '/api/org/regions') return json(200, REGIONS);
      if (url === '/api/petitions' && init?.method === 'POST') return json(201, REGISTERED);
      if (url === '/api/petitions/p1/receipt') return json(403, { message: '查询码不正确' });
      return undefined;
    });
    const { wrapper } = await mountWorkbenchPage(RegisterView, '/workbench/register');
    await fillIn(wrapper, 'zhang@example.cn');
    await submitForm(wrapper, 'register-form');
    await until(() => expect(wrapper.find('[data-testid="register-print-receipt"]').exists()).toBe(true));
    const tabs = stubTabs();
    await wrapper.get('[data-testid="register-print-receipt"]').trigger('click');
    await until(() => expect(document.body.textContent).toContain('查询码不正确'));
    expect(tabs.tab.close).toHaveBeenCalled();
    wrapper.unmount();
  });

  it('copies the query code and says so', async () => {
    const { wrapper } = await registered();
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await wrapper.get('[data-testid="register-copy-code"]').trigger('click');
    await until(() => expect(document.body.textContent).toContain('查询码已复制'));
    expect(writeText).toHaveBeenCalledWith('K7Q2-M9XP-3RTA');

    // the Clipboard API refused and no fallback: the registrar is told to copy it by hand
    writeText.mockRejectedValueOnce(new Error('denied'));
    await wrapper.get('[data-testid="register-copy-code"]').trigger('click');
    await until(() => expect(document.body.textContent).toContain('请选中查询码手动复制'));
    wrapper.unmount();
  });
});

describe('copyText', () => {
  it('uses the Clipboard API, else the copy command on a hidden text area', async () => {
    const writeText = vi.fn(async () => undefined);
    expect(await copyText('ABC', { clipboard: { writeText } })).toBe(true);
    expect(writeText).toHaveBeenCalledWith('ABC');

    const execCommand = vi.fn((_command: string) => true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    try {
      expect(await copyText('K7Q2', {})).toBe(true);
      expect(execCommand).toHaveBeenCalledWith('copy');
      expect(document.querySelector('textarea')).toBeNull(); // removed again
      execCommand.mockReturnValueOnce(false);
      expect(await copyText('K7Q2', { clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) } })).toBe(false);
    } finally {
      delete (document as unknown as { execCommand?: unknown }).execCommand;
    }
  });
});
