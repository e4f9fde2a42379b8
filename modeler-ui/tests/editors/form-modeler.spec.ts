// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import { api } from '@/api';
import FormModeler from '@/components/FormModeler.vue';
import { blankForm } from '@/modeler/templates';

/**
 * Waits for what the editor does by itself — importing, its debounced checks, re-creating itself in
 * another language — to show, never for a fixed time.
 */
const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
// A test waits for several conditions in turn: room for them, and for the last one's own message on failure.
vi.setConfig({ testTimeout: 30_000 });

type Exposed = { pendingChanges(): number };
type Editor = { saveSchema(): Record<string, any>; importSchema(schema: unknown): Promise<unknown>; get(name: string): any };

let wrapper: VueWrapper | null = null;
beforeEach(() => {
  i18n.global.locale.value = DEFAULT_LOCALE;
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

function mountEditor(schema: string | null, key = 'intake') {
  wrapper = mount(FormModeler, {
    props: { definitionKey: key, resource: `${key}.form`, schema },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  });
  return wrapper;
}

function editor(): Editor {
  return (window as unknown as { __formModeler: Editor }).__formModeler;
}

/** Edits a field through the editor's modeling service, as the properties panel does. */
function editField(id: string, property: string, value: unknown): void {
  const field = editor().get('formFieldRegistry').get(id);
  editor().get('modeling').editFormField(field, property, value);
}

const pending = (w: VueWrapper) => (w.vm as unknown as Exposed).pendingChanges();
const baselineOf = (w: VueWrapper, name: string) => w.get(`[data-testid="${name}"]`).attributes('data-baseline');

describe('FormModeler', () => {
  it('imports the schema as baseline and has nothing to deploy', async () => {
    const w = mountEditor(JSON.stringify(blankForm('intake')));
    await until(() => expect(baselineOf(w, 'form-modeler')).toBe('intake'));
    expect(w.emitted('error')).toBeUndefined();
    expect(w.find('[data-testid="editor-problems"]').exists()).toBe(false);
    expect(pending(w)).toBe(0);
    expect(w.get('[data-testid="editor-deploy"]').attributes('disabled')).toBeDefined();
    expect(w.find('.fjs-editor-container').exists()).toBe(true);
    // palette names in Chinese, English again after switching the UI language
    await until(() => expect(w.get('.fjs-palette').text()).toContain('单行文本'));
    i18n.global.locale.value = 'en';
    await until(() => expect(w.get('.fjs-palette').text()).toContain('Text field'));
    // the new editor holds the same form: the baseline stays and nothing is pending
    await until(() => expect(editor().get('formFieldRegistry').getForm()?.id).toBe('intake'));
    expect(baselineOf(w, 'form-modeler')).toBe('intake');
    expect(pending(w)).toBe(0);
  });

  it('lists a form id other than the deployed form\'s as a problem until it is put back', async () => {
    const w = mountEditor(JSON.stringify({ ...blankForm('intake'), id: 'other' }));
    await until(() => expect(w.get('[data-testid="editor-problems"]').text()).toContain('表单标识须与已部署的表单一致：intake'));
    expect(w.get('[data-testid="editor-deploy"]').attributes('disabled')).toBeDefined();
    const form = editor().get('formFieldRegistry').getForm();
    editor().get('modeling').editFormField(form, 'id', 'intake');
    await until(() => expect(w.find('[data-testid="editor-problems"]').exists()).toBe(false));
    expect(pending(w)).toBe(1);
    expect(w.get('[data-testid="editor-deploy"]').attributes('disabled')).toBeUndefined();
  });

  it('deploys the edited form under its resource name and shows the new version', async () => {
    const post = vi.spyOn(api, 'post').mockResolvedValue({
      deploymentId: 'dep-3',
      created: true,
      processes: [],
      decisions: [],
      forms: ['intake:2'],
    });
    const w = mountEditor(JSON.stringify(blankForm('intake')));
    await until(() => expect(baselineOf(w, 'form-modeler')).toBe('intake'));
    editField('intake-field-1', 'label', '姓名');
    await until(() => expect(pending(w)).toBe(1));
    await until(() => expect(w.get('[data-testid="editor-deploy"]').attributes('disabled')).toBeUndefined());
    await w.get('[data-testid="editor-deploy"]').trigger('click');
    await until(() => expect(w.get('[data-testid="deploy-result"]').text()).toContain('版本 2'));
    expect(post).toHaveBeenCalledTimes(1);
    const file = (post.mock.calls[0]![1] as FormData).get('files') as File;
    expect(file.name).toBe('intake.form');
    const sent = JSON.parse(await file.text());
    expect(sent.id).toBe('intake');
    expect(sent.components[0].label).toBe('姓名');
    expect(w.emitted('deployed')?.[0]?.[1]).toBe('intake');
    expect(pending(w)).toBe(0);
  });

  it('clears on null and reports text that is not form JSON', async () => {
    const w = mountEditor(JSON.stringify(blankForm('intake')));
    await until(() => expect(baselineOf(w, 'form-modeler')).toBe('intake'));
    await w.setProps({ schema: null });
    await until(() => expect(baselineOf(w, 'form-modeler')).toBe(''));
    await w.setProps({ schema: '{ nope' });
    await until(() => expect(w.emitted('error')?.length).toBe(1));
  });
});
