// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import NewDefinitionDialog from '@/components/NewDefinitionDialog.vue';
import type { DefinitionKind } from '@/api/definitions';
import { DEFAULT_LOCALE, i18n } from '@/i18n';

const DEPLOYED: Record<DefinitionKind, string[]> = { process: ['petition'], decision: ['routing'], form: ['reply-petition'] };

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

async function openDialog(kind: DefinitionKind) {
  const wrapper = mount(NewDefinitionDialog, {
    props: { modelValue: false, kind, existingKeys: (k: DefinitionKind) => DEPLOYED[k] },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
  await wrapper.setProps({ modelValue: true });
  await settle();
  return wrapper;
}

function input(testId: string): HTMLInputElement {
  const element = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no ${testId}`);
  return element;
}

async function type(testId: string, value: string): Promise<void> {
  const element = input(testId);
  element.value = value;
  element.dispatchEvent(new Event('input'));
  await settle();
}

async function create(): Promise<void> {
  document.querySelector<HTMLButtonElement>('[data-testid="new-definition-create"]')!.click();
  await settle();
}

function errors(): string[] {
  return [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim() ?? '');
}

beforeEach(() => {
  const warn = console.warn.bind(console);
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('async-validator:')) return;
    warn(...args);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  i18n.global.locale.value = DEFAULT_LOCALE;
});

describe('the "new definition" dialog', () => {
  it('given a malformed key, when created, then it says how a key is made and creates nothing', async () => {
    const wrapper = await openDialog('process');
    await type('new-definition-key', '1-bad key');
    await type('new-definition-name', '测试流程');
    await create();
    // Element Plus shows a field's error after a short debounce
    await vi.waitFor(() => expect(errors().join()).toContain('标识须以字母或下划线开头'));
    expect(wrapper.emitted('create')).toBeUndefined();
  });

  it('given a key that is deployed already, when created, then it names the key and creates nothing', async () => {
    const wrapper = await openDialog('decision');
    await type('new-definition-key', 'routing');
    await type('new-definition-name', '分流');
    await create();
    await vi.waitFor(() => expect(errors().join()).toContain('「routing」已存在'));
    expect(wrapper.emitted('create')).toBeUndefined();
  });

  it('given a new decision key and name, when created, then it emits the blank decision table under that key and closes', async () => {
    const wrapper = await openDialog('decision');
    await type('new-definition-key', 'triage');
    await type('new-definition-name', '分诊');
    await create();
    const [draft] = wrapper.emitted('create')![0] as [{ kind: string; key: string; content: string }];
    expect(draft.kind).toBe('decision');
    expect(draft.key).toBe('triage');
    expect(draft.content).toContain('<decision id="triage" name="分诊"');
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual([false]);
  });

  it('given the form kind, when created, then the form JSON carries the key as its id and no name is asked', async () => {
    const wrapper = await openDialog('form');
    expect(document.querySelector('[data-testid="new-definition-name"]')).toBeNull();
    await type('new-definition-key', 'intake-form');
    await create();
    const [draft] = wrapper.emitted('create')![0] as [{ kind: string; content: string }];
    expect(draft.kind).toBe('form');
    expect(JSON.parse(draft.content).id).toBe('intake-form');
  });
});
