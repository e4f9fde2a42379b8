// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { defineComponent } from 'vue';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import LoginView from '@/views/LoginView.vue';
import { session, TOKEN_STORAGE_KEY } from '@/auth/session';
import { i18n } from '@/i18n';
import { stubFetch, until, usePageTests } from './helpers/page';

usePageTests();

const Stub = defineComponent({ template: '<div>processes</div>' });

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

async function mountLogin(path = '/login'): Promise<{ wrapper: ReturnType<typeof mount>; router: Router }> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/processes/:key?', name: 'processes', component: Stub },
      { path: '/progress', name: 'public-progress', component: Stub },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(LoginView, { global: { plugins: [i18n, router] }, attachTo: document.body });
  return { wrapper, router };
}

async function fillAndSubmit(wrapper: ReturnType<typeof mount>, username: string, password: string) {
  await wrapper.get('input[name="username"]').setValue(username);
  await wrapper.get('input[name="password"]').setValue(password);
  await wrapper.get('[data-testid="login-form"]').trigger('submit');
}

/** The validation messages on the page (Element Plus shows them after a short debounce). */
const errorsOf = (wrapper: ReturnType<typeof mount>) => wrapper.findAll('.el-form-item__error').map((e) => e.text());

let fetchMock: Mock;

beforeEach(() => {
  // async-validator reports every failed rule on console.warn outside production builds.
  const warn = console.warn.bind(console);
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('async-validator:')) return;
    warn(...args);
  });
  fetchMock = stubFetch();
});

describe('sign-in view', () => {
  it('validates empty fields in Chinese, then in English after a language switch', async () => {
    const { wrapper } = await mountLogin();

    await wrapper.get('[data-testid="login-form"]').trigger('submit');

    await until(() => expect(errorsOf(wrapper)).toEqual(['请输入用户名', '请输入密码']));
    expect(fetchMock).not.toHaveBeenCalled();

    i18n.global.locale.value = 'en';
    await until(() => expect(errorsOf(wrapper)).toEqual(['Please enter your user name', 'Please enter your password']));
    expect(fetchMock).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('does not flag untouched fields when the language changes', async () => {
    const { wrapper } = await mountLogin();

    i18n.global.locale.value = 'en';
    await until(() => expect(wrapper.get('.login-title').text()).toBe('Sign in'));

    // leaving the user name empty flags it, in English; a validation of every field on the language
    // switch would have flagged the password too, earlier, so it would show by now as well
    await wrapper.get('input[name="username"]').trigger('blur');
    await until(() => expect(errorsOf(wrapper)).toEqual(['Please enter your user name']));
    expect(wrapper.findAll('.el-form-item.is-error')).toHaveLength(1);
    expect(wrapper.get('input[name="password"]').element.closest('.el-form-item')!.classList.contains('is-error')).toBe(false);
    wrapper.unmount();
  });

  it('shows the server message of a rejected sign-in as plain text', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { message: '用户名或密码错误 <b>x</b>' }));
    const { wrapper } = await mountLogin();

    await fillAndSubmit(wrapper, 'zhangsan', 'wrong');

    const alert = await until(() => wrapper.get('[data-testid="login-error"]'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/login');
    expect(JSON.parse(init.body)).toEqual({ username: 'zhangsan', password: 'wrong' });
    expect(alert.text()).toContain('用户名或密码错误 <b>x</b>');
    expect(alert.find('b').exists()).toBe(false);
    expect(session.isSignedIn.value).toBe(false);
    wrapper.unmount();
  });

  it('explains a network failure', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const { wrapper } = await mountLogin();

    await fillAndSubmit(wrapper, 'zhangsan', 'secret');

    await until(() => expect(wrapper.get('[data-testid="login-error"]').text()).toContain('无法连接服务器，请稍后重试'));
    wrapper.unmount();
  });

  it('keeps the session and goes to the requested page on success', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, {
        accessToken: 'token-1',
        user: { username: 'zhangsan', displayName: '张三', unitCode: '3301', unitName: '市信访局', roles: [] },
      }),
    );
    const { wrapper, router } = await mountLogin('/login?redirect=/processes/petition');

    await fillAndSubmit(wrapper, '  zhangsan ', 'secret');

    await until(() => expect(router.currentRoute.value.fullPath).toBe('/processes/petition'));
    expect(JSON.parse(fetchMock.mock.calls[0]![1].body).username).toBe('zhangsan');
    expect(session.isSignedIn.value).toBe(true);
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('token-1');
    wrapper.unmount();
  });
});

describe('the sign-in page for petitioners', () => {
  it('links to the public progress page, which needs no account', async () => {
    const { wrapper, router } = await mountLogin();
    const link = wrapper.get('[data-testid="link-public-progress"]');
    expect(link.text()).toBe('信访人：查询办理进度');
    await link.trigger('click');
    await until(() => expect(router.currentRoute.value.name).toBe('public-progress'));
    wrapper.unmount();
  });
});
