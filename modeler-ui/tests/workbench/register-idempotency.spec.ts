// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import RegisterView from '@/workspaces/workbench/views/RegisterView.vue';
import { mountWorkbenchPage } from '../helpers/workbench';

const regions = [
  { code: '990100', name: '示范市', level: 'city', parentCode: null },
  { code: '990102', name: '东湖区', level: 'county', parentCode: '990100' },
];
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('RegisterView and lost answers', () => {
  it('sends the same Idempotency-Key when the same form is sent again, and a new one once the form changes', async () => {
    // given a registration form whose first answer is lost on the way back
    const keys: string[] = [];
    const answers: (() => Response)[] = [
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => json(201, { id: 'p1', number: 'XF-990102-2026-000009', queryCode: 'K7Q2-M9XP', status: 'received' }),
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method !== 'POST') return json(200, regions);
        keys.push((init.headers as Record<string, string>)['Idempotency-Key']);
        return answers.shift()!();
      }),
    );
    const { wrapper } = await mountWorkbenchPage(RegisterView, '/workbench/register');
    await wrapper.get('input[data-testid="register-subject"]').setValue('外墙脱落');
    await wrapper.get('textarea[data-testid="register-content"]').setValue('瓷砖脱落');
    await wrapper.get('input[data-testid="register-name-0"]').setValue('张三');
    await wrapper.get('input[data-testid="register-id-0"]').setValue('11010519491231002X');
    (wrapper.vm as unknown as { $: { setupState: { form: { regionCode: string } } } }).$.setupState.form.regionCode = '990102';
    await flushPromises();

    // when it is sent, fails on the network, and is sent again unchanged
    await wrapper.get('[data-testid="register-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="register-error"]').exists()).toBe(true));
    await wrapper.get('[data-testid="register-form"]').trigger('submit');
    await vi.waitFor(() => expect(wrapper.get('[data-testid="register-query-code"]').text()).toBe('K7Q2-M9XP'));

    // then both requests carried one key, so the API answers the second with the first registration
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);

    // and a changed form is a new registration with a new key
    const before = (wrapper.vm as unknown as { $: { setupState: { requestKey: string } } }).$.setupState.requestKey;
    (wrapper.vm as unknown as { $: { setupState: { form: { subject: string } } } }).$.setupState.form.subject = '另一件事';
    await flushPromises();
    expect((wrapper.vm as unknown as { $: { setupState: { requestKey: string } } }).$.setupState.requestKey).not.toBe(before);
  });
});
