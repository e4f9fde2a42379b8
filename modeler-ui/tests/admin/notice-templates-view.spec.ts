// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import { WORKSPACES } from '@/workspaces';
import { adminWorkspace } from '@/workspaces/admin';
import NoticeTemplatesView from '@/workspaces/admin/NoticeTemplatesView.vue';
import type { NoticeTemplateRow, NoticeTemplateVersion } from '@/workspaces/admin/templates';
import { navFor } from '@/workspaces/types';
import { json, settle, until, usePageTests } from '../helpers/page';
import { signIn, stubApi } from '../helpers/workbench';

// 告知书模板: the system administrator words the notices; every save is a new version.

usePageTests();

const SYSADMIN = { username: 'sysadmin', displayName: '系统管理员', unitCode: '990100-petition-office', unitName: '市信访局', roles: ['system-admin'] };

const DECLINE: NoticeTemplateRow = {
  kind: 'decline',
  title: '信访事项不予受理告知书',
  article: '《信访工作条例》第二十三条',
  version: 0,
  body: '您的信访事项（编号 {{number}}）经{{unit}}审查，决定不予受理。理由：{{reason}}。',
  variables: [
    { name: 'number', description: '信访事项编号' },
    { name: 'unit', description: '决定单位' },
    { name: 'reason', description: '不予受理的理由' },
  ],
};
const HEARING: NoticeTemplateRow = {
  kind: 'hearing',
  title: '听证通知书',
  article: '《信访工作条例》第三十六条',
  version: 2,
  body: '编号 {{number}}：定于{{at}}在{{place}}举行听证。',
  variables: [
    { name: 'number', description: '信访事项编号' },
    { name: 'at', description: '听证时间' },
    { name: 'place', description: '听证地点' },
  ],
};
const HEARING_VERSIONS: NoticeTemplateVersion[] = [
  { id: 'h2', kind: 'hearing', version: 2, body: HEARING.body, createdBy: 'sysadmin', createdAt: '2026-11-25T02:00:00.000Z' },
  { id: 'h1', kind: 'hearing', version: 1, body: '编号 {{number}}：听证定于{{at}}。', createdBy: 'city.admin', createdAt: '2026-11-20T02:00:00.000Z' },
];

const dialog = () => document.body.querySelector<HTMLElement>('[data-testid="template-dialog"]')!;
const inDialog = (testid: string) => dialog().querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const textarea = () => dialog().querySelector<HTMLTextAreaElement>('textarea')!;
async function type(value: string, caret = value.length): Promise<void> {
  const area = textarea();
  area.value = value;
  area.dispatchEvent(new Event('input'));
  area.dispatchEvent(new FocusEvent('focus'));
  area.setSelectionRange(caret, caret);
  await settle();
}

function stubTemplates(save?: (body: { body: string }) => Response) {
  return stubApi((url, init, body) => {
    if (url === '/api/admin/notice-templates') return json(200, [DECLINE, HEARING]);
    if (url === '/api/admin/notice-templates/hearing/versions') return json(200, HEARING_VERSIONS);
    if (url === '/api/admin/notice-templates/decline/versions') return json(200, []);
    if (url === '/api/admin/notice-templates/decline' && init?.method === 'PUT') return save?.(body as { body: string });
    return undefined;
  });
}

describe('the notice templates page', () => {
  it('is for system administrators only', () => {
    const has = (roles: string[]) => navFor(WORKSPACES, roles).some((n) => n.testId === 'nav-admin-notice-templates');
    expect(has(['system-admin'])).toBe(true);
    expect(['supervisor', 'registrar', 'security-admin', 'auditor'].map((r) => has([r]))).toEqual([false, false, false, false]);
    const route = adminWorkspace.routes.find((r) => r.name === 'admin-notice-templates');
    expect(route?.path).toBe('/admin/notice-templates');
    expect(route?.meta?.roles).toEqual(['system-admin']);
  });

  it('lists the notices with the version in use and who saved it', async () => {
    signIn(SYSADMIN);
    stubTemplates();
    const wrapper = mount(NoticeTemplatesView, { global: { plugins: [i18n] }, attachTo: document.body });
    await until(() => expect(wrapper.find('[data-testid="template-row-decline"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="template-row-hearing"]').text()).toBe('听证通知书');
    expect(wrapper.text()).toContain('《信访工作条例》第二十三条');
    expect(wrapper.get('[data-testid="template-current-decline"]').text()).toBe('默认文本');
    expect(wrapper.get('[data-testid="template-current-hearing"]').text()).toBe('第 2 版');
    expect(wrapper.get('[data-testid="template-saved-decline"]').text()).toBe('未修改');
    // not in the list: from the notice's history
    await until(() => expect(wrapper.get('[data-testid="template-saved-hearing"]').text()).toBe('sysadmin · 2026-11-25 10:00'));
    wrapper.unmount();
  });

  it('edits a wording: variables inserted at the caret, checked and previewed as typed, saved as a new version', async () => {
    signIn(SYSADMIN);
    const saved: string[] = [];
    const calls = stubTemplates(({ body }) => {
      saved.push(body);
      return json(200, { id: 'd1', kind: 'decline', version: 1, body, createdBy: 'sysadmin', createdAt: '2026-11-27T02:00:00.000Z' });
    });
    const wrapper = mount(NoticeTemplatesView, { global: { plugins: [i18n] }, attachTo: document.body });
    await until(() => expect(wrapper.find('[data-testid="template-edit-decline"]').exists()).toBe(true));
    await wrapper.get('[data-testid="template-edit-decline"]').trigger('click');
    await until(() => expect(textarea().value).toBe(DECLINE.body));
    await until(() => expect(inDialog('template-versions')!.textContent).toContain('尚无修改记录'));
    expect(calls.map((c) => c.url)).toContain('/api/admin/notice-templates/decline/versions');
    expect(inDialog('template-problems')).toBeNull();
    // unchanged: nothing to save
    expect(inDialog('template-save')!.hasAttribute('disabled')).toBe(true);

    // an unknown name, a missing number and a stray brace, all named at once
    await type('经{{ unit }}审查，{{date}}决定不予受理 }}');
    const problems = () => inDialog('template-problems')?.textContent ?? '';
    await until(() => expect(problems()).toContain('以下变量不存在：{{date}}'));
    expect(problems()).toContain('模板必须包含信访事项编号 {{number}}');
    expect(problems()).toContain('模板中有不成对的 {{ 或 }}');
    expect(inDialog('template-save')!.hasAttribute('disabled')).toBe(true);
    // the preview names what each variable stands for; an unknown one stays as written
    expect(inDialog('template-preview')!.textContent).toBe('经［决定单位］审查，{{date}}决定不予受理 }}');

    // the number, inserted at the caret
    await type('编号：。理由：{{reason}}', 3);
    inDialog('template-variable-number')!.click();
    await until(() => expect(textarea().value).toBe('编号：{{number}}。理由：{{reason}}'));
    await settle();
    expect(inDialog('template-problems')).toBeNull();
    expect(inDialog('template-preview')!.textContent).toBe('编号：［信访事项编号］。理由：［不予受理的理由］');

    inDialog('template-save')!.click();
    await until(() => expect(wrapper.get('[data-testid="template-current-decline"]').text()).toBe('第 1 版'));
    expect(saved).toEqual(['编号：{{number}}。理由：{{reason}}']);
    expect(calls.find((c) => c.method === 'PUT')!.url).toBe('/api/admin/notice-templates/decline');
    expect(wrapper.get('[data-testid="template-saved-decline"]').text()).toBe('sysadmin · 2026-11-27 10:00');
    expect(document.body.textContent).toContain('《信访事项不予受理告知书》已保存为第 1 版');
    wrapper.unmount();
  });

  it('shows the history and loads an earlier wording; the server’s refusal is shown in the dialog', async () => {
    signIn(SYSADMIN);
    stubApi((url, init) => {
      if (url === '/api/admin/notice-templates') return json(200, [DECLINE, HEARING]);
      if (url === '/api/admin/notice-templates/hearing/versions') return json(200, HEARING_VERSIONS);
      if (url === '/api/admin/notice-templates/hearing' && init?.method === 'PUT') return json(409, { statusCode: 409, message: '该模板刚被他人修改，请刷新后重试' });
      return undefined;
    });
    const wrapper = mount(NoticeTemplatesView, { global: { plugins: [i18n] }, attachTo: document.body });
    await until(() => expect(wrapper.find('[data-testid="template-edit-hearing"]').exists()).toBe(true));
    await wrapper.get('[data-testid="template-edit-hearing"]').trigger('click');
    await until(() => expect(inDialog('template-history-1')).not.toBeNull());
    const history = inDialog('template-versions')!.textContent!;
    expect(history).toContain('第 2 版');
    expect(history).toContain('当前');
    expect(history).toContain('city.admin · 2026-11-20 10:00');
    // the wording in use has nothing to load
    expect(inDialog('template-restore-2')).toBeNull();
    inDialog('template-restore-1')!.click();
    await until(() => expect(textarea().value).toBe('编号 {{number}}：听证定于{{at}}。'));
    inDialog('template-save')!.click();
    await until(() => expect(inDialog('template-error')?.textContent).toContain('该模板刚被他人修改，请刷新后重试'));
    expect(wrapper.get('[data-testid="template-current-hearing"]').text()).toBe('第 2 版');
    wrapper.unmount();
  });

  it('offers a retry when the list cannot be loaded', async () => {
    signIn(SYSADMIN);
    let fail = true;
    stubApi((url) => {
      if (url === '/api/admin/notice-templates') return fail ? json(500, {}) : json(200, [DECLINE]);
      return undefined;
    });
    const wrapper = mount(NoticeTemplatesView, { global: { plugins: [i18n] }, attachTo: document.body });
    await until(() => expect(wrapper.find('[data-testid="notice-templates-error"]').exists()).toBe(true));
    expect(wrapper.text()).toContain('告知书模板未能加载');
    fail = false;
    await wrapper.get('[data-testid="notice-templates-retry"]').trigger('click');
    await until(() => expect(wrapper.find('[data-testid="template-row-decline"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="notice-templates-error"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
