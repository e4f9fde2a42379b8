// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import FilterBar from '@/workspaces/workbench/components/FilterBar.vue';
import PetitionSearchView from '@/workspaces/workbench/views/PetitionSearchView.vue';
import TaskListView from '@/workspaces/workbench/views/TaskListView.vue';
import { json, settle } from '../helpers/page';
import { mountWorkbenchPage, ROOM1_HANDLER, signIn } from '../helpers/workbench';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
  document.body.innerHTML = '';
});

const LABELS = {
  testIdPrefix: 'x',
  keywordTestId: 'x-q',
  keywordLabel: '关键词',
  keywordPlaceholder: '输入关键词',
  keywordWidth: '300px',
  searchLabel: '检索',
  resetLabel: '重置',
  moreLabel: '更多条件',
  fewerLabel: '收起条件',
};

describe('FilterBar', () => {
  function mountBar(withMore: boolean) {
    const keyword = ref('');
    const events: string[] = [];
    const Host = defineComponent(() => () =>
      h(
        FilterBar,
        {
          ...LABELS,
          keyword: keyword.value,
          'onUpdate:keyword': (value: string) => (keyword.value = value),
          onSubmit: () => events.push(`submit:${keyword.value}`),
          onReset: () => events.push('reset'),
        },
        withMore ? { default: () => h('span', 'choices'), more: () => h('span', { 'data-testid': 'rare' }, 'rare') } : { default: () => h('span', 'choices') },
      ),
    );
    return { wrapper: mount(Host, { attachTo: document.body }), events };
  }

  it('searches with what was typed, and resets', async () => {
    const { wrapper, events } = mountBar(false);
    await wrapper.get('input[data-testid="x-q"]').setValue('楼道');
    await wrapper.get('form[role="search"]').trigger('submit');
    await wrapper.get('[data-testid="x-reset"]').trigger('click');
    expect(events).toEqual(['submit:楼道', 'reset']);
    expect(wrapper.get('[data-testid="x-submit"]').text()).toBe('检索');
    // no second row, so no toggle for it
    expect(wrapper.find('[data-testid="x-more"]').exists()).toBe(false);
  });

  it('shows the less used filters behind a toggle', async () => {
    const { wrapper } = mountBar(true);
    expect(wrapper.find('[data-testid="rare"]').exists()).toBe(false);
    await wrapper.get('[data-testid="x-more"]').trigger('click');
    expect(wrapper.find('[data-testid="x-advanced"] [data-testid="rare"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="x-more"]').text()).toBe('收起条件');
  });
});

// A page's first mount loads all of Element Plus's pieces it uses: slow on a busy machine.
describe('the case search keeps its filters in the page address', { timeout: 30_000 }, () => {
  async function mountSearch(path: string) {
    const fetchMock = vi.fn(async (url: string) => (url.startsWith('/api/petitions') ? json(200, { total: 0, items: [] }) : json(200, [])));
    vi.stubGlobal('fetch', fetchMock);
    signIn(ROOM1_HANDLER);
    const Stub = defineComponent({ template: '<div />' });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/workbench/petitions', name: 'workbench-petitions', component: Stub },
        { path: '/workbench/petitions/:id', name: 'workbench-petition', component: Stub },
      ],
    });
    await router.push(path);
    await router.isReady();
    const wrapper = mount(PetitionSearchView, { global: { plugins: [i18n, router] }, attachTo: document.body });
    await settle();
    return { wrapper, router, fetchMock };
  }

  it('opens with the address filled in, the rarer filters shown when one is set', async () => {
    const { wrapper, fetchMock } = await mountSearch('/workbench/petitions?q=%E6%A5%BC%E9%81%93&channel=visit');
    expect((wrapper.get('input[data-testid="petition-search-q"]').element as HTMLInputElement).value).toBe('楼道');
    expect(wrapper.find('[data-testid="petition-search-advanced"]').exists()).toBe(true);
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith('/api/petitions?q=%E6%A5%BC%E9%81%93&channel=visit'))).toBe(true);
  });

  it('puts a search into the address, and a reset takes it out', async () => {
    const { wrapper, router } = await mountSearch('/workbench/petitions');
    await wrapper.get('input[data-testid="petition-search-q"]').setValue('外墙');
    await wrapper.get('[data-testid="petition-search-form"]').trigger('submit');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ q: '外墙' });
    await wrapper.get('[data-testid="petition-search-reset"]').trigger('click');
    await settle();
    expect(router.currentRoute.value.query).toEqual({});
  });
});

describe('the task list keeps saved filters', { timeout: 30_000 }, () => {
  it('saves a search and runs it again from the list', async () => {
    const fetchMock = vi.fn(async () => json(200, { total: 0, items: [] }));
    vi.stubGlobal('fetch', fetchMock);
    signIn(ROOM1_HANDLER);
    const { wrapper } = await mountWorkbenchPage(TaskListView, '/workbench/tasks');
    await wrapper.get('input[data-testid="task-search-number"]').setValue('外墙');
    await wrapper.get('[data-testid="task-filter-save"]').trigger('click');
    expect(JSON.parse(localStorage.getItem('workbench.desk.filters.donghu.room1') ?? '[]')).toEqual([{ name: '外墙', number: '外墙', step: '', sort: 'due' }]);

    await wrapper.get('[data-testid="task-search-reset"]').trigger('click');
    await settle();
    expect((fetchMock.mock.calls.at(-1) as unknown[])[0]).toBe('/api/tasks?filter=mine&firstResult=0&maxResults=20');
    const vm = wrapper.vm as unknown as { $: { setupState: { useSaved: (name: string) => void } } };
    vm.$.setupState.useSaved('外墙');
    await settle();
    expect((fetchMock.mock.calls.at(-1) as unknown[])[0]).toBe('/api/tasks?filter=mine&firstResult=0&maxResults=20&q=%E5%A4%96%E5%A2%99');
  });
});
