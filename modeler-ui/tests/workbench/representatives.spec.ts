// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { ElMessageBox } from 'element-plus';
import { i18n } from '@/i18n';
import { navFor } from '@/workspaces/types';
import { workbenchWorkspace } from '@/workspaces/workbench';
import { emptyRepresentative, representativeBody, representativeProblems } from '@/workspaces/workbench/hearing';
import RepresentativesView from '@/workspaces/workbench/views/RepresentativesView.vue';
import type { Representative } from '@/workspaces/workbench/types';
import { json, settle, submitForm, until, usePageTests } from '../helpers/page';
import { signIn, stubApi } from '../helpers/workbench';

// 群众代表名册: the register of public representatives.

usePageTests();

const REGIONS = [
  { code: '990100', name: '示例市', level: 'city', parentCode: null },
  { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
  { code: '990102001', name: '东湖街道', level: 'township', parentCode: '990102' },
];

const ROWS: Representative[] = [
  { id: 'r1', regionCode: '990102', regionName: '东湖区', name: '李明', kind: 'deputy', organisation: '东湖区人大常委会', contact: '138****8001', active: true },
  { id: 'r2', regionCode: '990102001', regionName: '东湖街道', name: '王芳', kind: 'community', organisation: null, contact: '139****8002', active: true },
  { id: 'r3', regionCode: '990102', regionName: '东湖区', name: '赵强', kind: 'cppcc-member', organisation: '区政协', contact: '137****8003', active: false },
];

/** The register's API: `post` answers the POSTs; the regions and the register (by region) are read. */
function stubRegister(post: (url: string, body: unknown) => Response) {
  return stubApi((url, init, body) => {
    if (init?.method === 'POST') return post(url, body);
    if (url === '/api/org/regions') return json(200, REGIONS);
    if (url.startsWith('/api/representatives')) return json(200, url.includes('regionCode=990102001') ? ROWS.filter((r) => r.regionCode === '990102001') : ROWS);
    return undefined;
  });
}

async function mountPage() {
  signIn({ username: 'donghu.office', displayName: '陈静', unitCode: '990102-office', unitName: '东湖区信访局', roles: ['registrar'] });
  const wrapper = mount(RepresentativesView, { global: { plugins: [i18n] }, attachTo: document.body });
  await settle();
  await until(() => expect(wrapper.findAll('[data-testid="representative-contact"]').length).toBeGreaterThan(0));
  return wrapper;
}

describe('the register rules', () => {
  it('checks the region code and the phone number, and trims the body', () => {
    expect(representativeProblems(emptyRepresentative()).map((p) => p.field)).toEqual(['regionCode', 'name', 'kind', 'contact']);
    const input = { regionCode: '99010', name: '李明', kind: 'deputy' as const, organisation: ' ', contact: '12345' };
    expect(representativeProblems(input)).toEqual([
      { field: 'regionCode', message: 'workbench.representatives.regionFormat' },
      { field: 'contact', message: 'workbench.representatives.contactFormat' },
    ]);
    expect(representativeProblems({ ...input, regionCode: '990102001', contact: '0571-88886666' })).toEqual([]);
    expect(representativeBody({ ...input, regionCode: '990102001', name: ' 李明 ', contact: '138 0013 8000' })).toEqual({
      regionCode: '990102001',
      name: '李明',
      kind: 'deputy',
      contact: '13800138000',
    });
  });

  it('is in the navigation of registrars, handlers and unit heads', () => {
    const has = (roles: string[]) => navFor([workbenchWorkspace], roles).some((n) => n.to === 'workbench-representatives');
    expect(has(['registrar'])).toBe(true);
    expect(has(['handler'])).toBe(true);
    expect(has(['unit-head'])).toBe(true);
    expect(has(['agent'])).toBe(false);
    expect(has(['supervisor'])).toBe(false);
    const route = workbenchWorkspace.routes.find((r) => r.name === 'workbench-representatives');
    expect(route?.meta?.roles).toEqual(['registrar', 'handler', 'unit-head']);
  });
});

describe('the register page', () => {
  it('lists the active representatives with their contacts masked, and the deactivated ones on request', async () => {
    stubRegister(() => json(500, {}));
    const wrapper = await mountPage();
    expect(wrapper.get('h1').text()).toBe('群众代表名册');
    const table = wrapper.get('[data-testid="representatives-table"]').text();
    expect(table).toContain('李明');
    expect(table).toContain('人大代表');
    expect(table).toContain('群众代表');
    expect(table).not.toContain('赵强');
    expect(wrapper.findAll('[data-testid="representative-contact"]').map((c) => c.text())).toEqual(['138****8001', '139****8002']);

    await wrapper.get('[data-testid="representatives-show-inactive"] input').setValue(true);
    await settle();
    expect(wrapper.get('[data-testid="representatives-table"]').text()).toContain('赵强');
    expect(wrapper.get('[data-testid="representatives-table"]').text()).toContain('已停用');
    wrapper.unmount();
  });

  it('filters by the region picked from the region tree', async () => {
    const calls = stubRegister(() => json(500, {}));
    const wrapper = await mountPage();
    const cascaders = wrapper.findAllComponents({ name: 'ElCascader' });
    cascaders[0]!.vm.$emit('update:modelValue', ['990100', '990102', '990102001']);
    await until(() => expect(calls.some((c) => c.url === '/api/representatives?regionCode=990102001')).toBe(true));
    await until(() => expect(wrapper.findAll('[data-testid="representative-contact"]').map((c) => c.text())).toEqual(['139****8002']));
    wrapper.unmount();
  });

  it('posts a new representative and lists the answer, masked; shows the 403 message', async () => {
    let answer = json(403, { statusCode: 403, message: '群众代表名册由本区划（或上级区划）信访工作机构的工作人员维护' });
    const calls = stubRegister(() => answer);
    const wrapper = await mountPage();
    const form = wrapper.get('[data-testid="representative-form"]');

    await submitForm(wrapper, 'representative-form');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    await until(() => expect(wrapper.get('[data-testid="field-contact"]').text()).toContain('请填写此项'));

    const cascaders = wrapper.findAllComponents({ name: 'ElCascader' });
    cascaders[1]!.vm.$emit('update:modelValue', ['990100', '990102', '990102001']);
    wrapper.get('[data-testid="representative-form"]').findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 'community');
    await wrapper.get('[data-testid="representative-name"]').setValue(' 孙丽 ');
    await wrapper.get('[data-testid="representative-organisation"]').setValue('柳岸社区居委会');
    await wrapper.get('[data-testid="representative-contact-input"]').setValue('13800138004');
    await form.trigger('submit');
    await until(() => expect(wrapper.get('[data-testid="representative-add-error"]').text()).toContain('群众代表名册由本区划'));
    const posted = calls.filter((c) => c.method === 'POST');
    expect(posted).toEqual([
      {
        url: '/api/representatives',
        method: 'POST',
        body: { regionCode: '990102001', name: '孙丽', kind: 'community', organisation: '柳岸社区居委会', contact: '13800138004' },
      },
    ]);

    answer = json(201, { id: 'r4', regionCode: '990102001', regionName: '东湖街道', name: '孙丽', kind: 'community', organisation: '柳岸社区居委会', contact: '138****8004', active: true });
    await form.trigger('submit');
    await until(() => expect(wrapper.findAll('[data-testid="representative-contact"]').map((c) => c.text())).toContain('138****8004'));
    expect(wrapper.get('[data-testid="representatives-table"]').text()).not.toContain('13800138004');
    expect(wrapper.find('[data-testid="representative-add-error"]').exists()).toBe(false);
    expect((wrapper.get('[data-testid="representative-name"]').element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('deactivates a representative after confirmation', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never);
    const calls = stubRegister((url) => (url === '/api/representatives/r1/deactivate' ? json(200, { ...ROWS[0], active: false }) : json(404, {})));
    const wrapper = await mountPage();
    expect(wrapper.get('[data-testid="representative-deactivate-r1"]').attributes('aria-label')).toBe('停用 李明');
    await wrapper.get('[data-testid="representative-deactivate-r1"]').trigger('click');
    await until(() => expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/representatives/r1/deactivate']));
    expect(confirm).toHaveBeenCalledOnce();
    await until(() => expect(wrapper.get('[data-testid="representatives-table"]').text()).not.toContain('李明'));
    wrapper.unmount();
  });
});
