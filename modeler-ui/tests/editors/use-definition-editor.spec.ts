// @vitest-environment happy-dom
// The editors' shared life (use-definition-editor.ts), behind the toolbar and problem list the
// editors show: a version from the page is the baseline, edits count as changes, files import,
// download and deploy, and undeployed edits are not lost without asking. The editor library here is
// a small document editor of its own (elements by id, as JSON), so that each rule shows on its own;
// the decision and form editor tests run the same code with dmn-js and form-js.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, type PropType } from 'vue';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import ElementPlus from 'element-plus';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import EditorFrame from '@/components/EditorFrame.vue';
import {
  DEFINITION_EDITOR_EVENTS,
  resourceEditor,
  useDefinitionEditor,
  type DefinitionEditor,
  type DeployOutcome,
} from '@/modeler/use-definition-editor';

/** Waits for what the editor does by itself (imports, its debounced count), never for a fixed time. */
const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
vi.setConfig({ testTimeout: 30_000 });

type Doc = Record<string, string>;

/** An editor of a JSON document of elements by id: what the adapter of a real library does, in small. */
class DocEditor {
  doc: Doc | null = null;
  alive = false;
  created = 0;
  /** Each load takes the first of these, if any, and waits for it (an import still under way). */
  gates: Promise<void>[] = [];
  loads = 0;

  /** The next load waits until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gates.push(new Promise((resolve) => (release = resolve)));
    return release;
  }
  onChange: () => void = () => undefined;

  edit(id: string, value: string | undefined): void {
    const doc = { ...this.doc };
    if (value === undefined) delete doc[id];
    else doc[id] = value;
    this.doc = doc;
    this.onChange();
  }
}

/** A deployment the test answers when it wants to. */
function deferredDeploy() {
  const calls: string[] = [];
  let answer: { resolve(outcome: DeployOutcome): void; reject(error: Error): void } | null = null;
  const deploy = (text: string) =>
    new Promise<DeployOutcome>((resolve, reject) => {
      calls.push(text);
      answer = { resolve, reject };
    });
  const created = (key: string, version: number): DeployOutcome => ({
    result: { deploymentId: 'd', created: true, processes: [], decisions: [], forms: [`${key}:${version}`] },
    key,
    version,
  });
  return { calls, deploy, answer: () => answer!, created };
}

const Host = defineComponent({
  props: {
    content: { type: String as PropType<string | null>, default: null },
    definitionKey: { type: String, default: 'intake' },
    resource: { type: String, default: 'intake.form' },
    isNew: Boolean,
    editor: { type: Object as PropType<DocEditor>, required: true },
    deploy: { type: Function as PropType<(text: string) => Promise<DeployOutcome>>, required: true },
    /** Problems that block deploying. */
    blockers: { type: Number, default: 0 },
  },
  emits: DEFINITION_EDITOR_EVENTS,
  setup(props, { emit, expose }) {
    const library = props.editor;
    const definition = useDefinitionEditor({
      ...resourceEditor(props, () => props.content, 'application/json'),
      adapter: {
        create() {
          library.alive = true;
          library.created++;
          library.onChange = () => definition.scheduleRefresh();
        },
        destroy() {
          library.alive = false;
        },
        async load(text) {
          const gate = library.gates.shift();
          const doc = JSON.parse(text) as Doc;
          if (gate) await gate;
          library.doc = doc;
          library.loads++;
        },
        clear() {
          library.doc = null;
        },
        save: async () => JSON.stringify(library.doc),
        signatures: () => new Map(Object.entries(library.doc ?? {})),
        deploy: (text) => props.deploy(text),
      },
      blockers: () => props.blockers,
      emit,
    });
    expose({ definition });
    return () =>
      h(EditorFrame, {
        editor: definition,
        kind: 'form',
        accept: '.json',
        problems: Array.from({ length: props.blockers }, (_, i) => ({ key: String(i), label: '', message: `problem ${i}` })),
      });
  },
});

const V1 = JSON.stringify({ form: 'intake', name: '姓名' });
const V2 = JSON.stringify({ form: 'intake', name: '姓名', phone: '电话' });

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

function mountHost(props: Partial<InstanceType<typeof Host>['$props']> & { editor: DocEditor }) {
  wrapper = mount(Host, {
    props: { deploy: deferredDeploy().deploy, ...props },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  });
  return wrapper;
}

const shared = (w: VueWrapper) => (w.vm as unknown as { definition: DefinitionEditor }).definition;
const button = (w: VueWrapper, name: string) => w.get(`[data-testid="editor-${name}"]`);
const baseline = (w: VueWrapper) => w.get('[data-testid="form-modeler"]').attributes('data-baseline');
const changes = (w: VueWrapper) => w.get('[data-testid="change-count"]').text();
const messages = () => [...document.querySelectorAll('.el-message')].map((m) => m.textContent?.trim());

describe('a version from the page', () => {
  it('given a deployed version, when the editor mounts, then it is shown as the baseline with nothing to deploy', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    expect(editor.alive).toBe(true);
    expect(editor.doc).toEqual({ form: 'intake', name: '姓名' });
    expect(changes(w)).toBe('变更 0');
    expect(shared(w).pendingChanges()).toBe(0);
    expect(button(w, 'download').attributes('disabled')).toBeUndefined();
    expect(button(w, 'deploy').attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid="editor-deploy"]').element.parentElement!.getAttribute('title')).toBe('与已部署版本相同，无需部署');
  });

  it('given an edit, when the next version is switched to, then the edit is gone and the new version is the baseline', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    editor.edit('name', '名称');
    await until(() => expect(changes(w)).toBe('变更 1'));
    await w.setProps({ content: V2 });
    await until(() => expect(editor.doc).toHaveProperty('phone'));
    await until(() => expect(changes(w)).toBe('变更 0'));
    expect(editor.doc!.name).toBe('姓名');
  });

  it('given a version still importing, when a newer one comes, then the newer one is shown, and only it becomes the baseline', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    const releaseSlow = editor.hold();
    const releaseNewer = editor.hold();
    await w.setProps({ content: V2, definitionKey: 'slow' });
    await w.setProps({ content: JSON.stringify({ form: 'other' }), definitionKey: 'other' });
    // the slow import ends: it was overtaken, the page still shows the version before it
    releaseSlow();
    await until(() => expect(editor.loads).toBe(2));
    await nextTick();
    expect(baseline(w)).toBe('intake');
    // the newer one ends after it: its document is the one shown, and the baseline
    releaseNewer();
    await until(() => expect(baseline(w)).toBe('other'));
    expect(editor.doc).toEqual({ form: 'other' });
    expect(changes(w)).toBe('变更 0');
    expect(w.emitted('error')).toBeUndefined();
  });

  it('given an import still under way, when the page clears the editor, then it ends empty', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    const release = editor.hold();
    await w.setProps({ content: V2 });
    await w.setProps({ content: null });
    release();
    await until(() => expect(editor.loads).toBe(2));
    await until(() => expect(baseline(w)).toBe(''));
    expect(editor.doc).toBeNull();
    expect(button(w, 'download').attributes('disabled')).toBeDefined();
  });

  it('given content the editor cannot read, when it comes, then the page is told why', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: '{ not json' });
    await until(() => expect(w.emitted('error')?.length).toBe(1));
    expect(String(w.emitted('error')![0]![0])).toMatch(/^内容无法显示：/);
    expect(baseline(w)).toBe('');
    expect(button(w, 'download').attributes('disabled')).toBeDefined();
  });

  it('given no content, when the page clears the editor, then there is nothing to download, deploy or lose', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    editor.edit('name', '名称');
    await until(() => expect(shared(w).pendingChanges()).toBe(1));
    await w.setProps({ content: null });
    await until(() => expect(baseline(w)).toBe(''));
    expect(editor.doc).toBeNull();
    expect(shared(w).pendingChanges()).toBe(0);
    expect(button(w, 'download').attributes('disabled')).toBeDefined();
    expect(button(w, 'deploy').attributes('disabled')).toBeDefined();
  });
});

describe('drafts', () => {
  it('given a draft, when shown, then it has no change yet but may be deployed as it is', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1, isNew: true });
    await until(() => expect(baseline(w)).toBe('intake'));
    expect(changes(w)).toBe('变更 0');
    expect(button(w, 'deploy').attributes('disabled')).toBeUndefined();
  });
});

describe('files from disk', () => {
  it('given a deployed version, when a file is imported, then its differences count as changes against that version', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    const input = w.get<HTMLInputElement>('[data-testid="editor-file"]');
    Object.defineProperty(input.element, 'files', { value: [new File([V2], 'intake.form')], configurable: true });
    await input.trigger('change');
    await until(() => expect(changes(w)).toBe('变更 1'));
    expect(baseline(w)).toBe('intake');
    expect(button(w, 'deploy').attributes('disabled')).toBeUndefined();
  });

  it('given a file that is not a document, when imported, then the user is told and the content stays', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    await shared(w).importFile(new File(['<xml/>'], 'x.form'));
    await until(() => expect(messages().join()).toMatch(/文件无法导入：/));
    expect(editor.doc).toEqual({ form: 'intake', name: '姓名' });
    expect(changes(w)).toBe('变更 0');
  });

  it('given an edit, when downloaded, then the file holds the edited document under the resource name', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    editor.edit('name', '名称');
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:x';
    });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await button(w, 'download').trigger('click');
    await until(() => expect(names).toEqual(['intake.form']));
    expect(blobs[0]!.type).toBe('application/json');
    expect(JSON.parse(await blobs[0]!.text())).toEqual({ form: 'intake', name: '名称' });
  });
});

describe('deploying', () => {
  it('given an edit, when deployed, then it is sent once, the new version is shown and becomes the baseline', async () => {
    const editor = new DocEditor();
    const engine = deferredDeploy();
    const w = mountHost({ editor, content: V1, deploy: engine.deploy });
    await until(() => expect(baseline(w)).toBe('intake'));
    editor.edit('name', '名称');
    await until(() => expect(button(w, 'deploy').attributes('disabled')).toBeUndefined());
    await button(w, 'deploy').trigger('click');
    await until(() => expect(engine.calls).toHaveLength(1));
    // a second click while the first deployment is under way sends nothing
    await shared(w).deploy();
    expect(engine.calls).toHaveLength(1);
    expect(button(w, 'deploy').text()).toBe('正在部署…');
    engine.answer().resolve(engine.created('intake', 3));
    await until(() => expect(w.get('[data-testid="deploy-result"]').text()).toBe('已部署 intake 版本 3'));
    expect(JSON.parse(engine.calls[0]!)).toEqual({ form: 'intake', name: '名称' });
    expect(w.emitted('deployed')![0]![1]).toBe('intake');
    expect(shared(w).pendingChanges()).toBe(0);
    expect(changes(w)).toBe('变更 0');
    // the outcome follows the UI language
    i18n.global.locale.value = 'en';
    await until(() => expect(w.get('[data-testid="deploy-result"]').text()).toBe('Deployed intake version 3'));
  });

  it('given a deployment, when the page loads the version just deployed, then its outcome stays on screen', async () => {
    const editor = new DocEditor();
    const engine = deferredDeploy();
    const w = mountHost({ editor, content: V1, deploy: engine.deploy });
    await until(() => expect(baseline(w)).toBe('intake'));
    editor.edit('phone', '电话');
    await until(() => expect(shared(w).pendingChanges()).toBe(1));
    const deploying = shared(w).deploy();
    await until(() => expect(engine.calls).toHaveLength(1));
    engine.answer().resolve(engine.created('intake', 2));
    await deploying;
    // the page (DefinitionsView.onDeployed) fetches the new version and hands it to the editor
    await w.setProps({ content: V2 });
    await until(() => expect(editor.doc).toHaveProperty('phone'));
    await until(() => expect(changes(w)).toBe('变更 0'));
    expect(w.get('[data-testid="deploy-result"]').text()).toBe('已部署 intake 版本 2');
  });

  it('given the engine refuses, when deployed, then the user reads why and the edit is still pending', async () => {
    const editor = new DocEditor();
    const engine = deferredDeploy();
    const w = mountHost({ editor, content: V1, deploy: engine.deploy });
    await until(() => expect(baseline(w)).toBe('intake'));
    editor.edit('name', '名称');
    await until(() => expect(shared(w).pendingChanges()).toBe(1));
    const deploying = shared(w).deploy();
    await until(() => expect(engine.calls).toHaveLength(1));
    engine.answer().reject(new Error('表单标识重复'));
    await deploying;
    await until(() => expect(messages().join()).toContain('部署失败：表单标识重复'));
    expect(w.emitted('deployed')).toBeUndefined();
    expect(w.find('[data-testid="deploy-result"]').exists()).toBe(false);
    expect(shared(w).pendingChanges()).toBe(1);
  });

  it('given problems that block deploying, when deploy is asked for, then nothing is sent and the button says why', async () => {
    const editor = new DocEditor();
    const engine = deferredDeploy();
    const w = mountHost({ editor, content: V1, deploy: engine.deploy, blockers: 2 });
    await until(() => expect(baseline(w)).toBe('intake'));
    editor.edit('name', '名称');
    await until(() => expect(shared(w).pendingChanges()).toBe(1));
    expect(button(w, 'deploy').attributes('disabled')).toBeDefined();
    expect(button(w, 'deploy').element.parentElement!.getAttribute('title')).toBe('存在 2 个问题，修正后才能部署');
    expect(w.get('[data-testid="deploy-blocked"]').text()).toContain('problem 1');
    await shared(w).deploy();
    expect(engine.calls).toHaveLength(0);
  });

  it('given a deployment that changed nothing, when it answers, then the user is told no version was made', async () => {
    const editor = new DocEditor();
    const engine = deferredDeploy();
    const w = mountHost({ editor, content: V1, deploy: engine.deploy, isNew: true });
    await until(() => expect(baseline(w)).toBe('intake'));
    const deploying = shared(w).deploy();
    await until(() => expect(engine.calls).toHaveLength(1));
    engine.answer().resolve({ ...engine.created('intake', 1), result: { deploymentId: 'd', created: false, processes: [], decisions: [] } });
    await deploying;
    await until(() => expect(w.get('[data-testid="deploy-result"]').text()).toBe('内容与已部署版本相同，未产生新版本'));
  });
});

describe('the editor library', () => {
  it('given an edit, when the editor is created anew (another language), then the edit and the baseline stay', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    editor.edit('name', '名称');
    await until(() => expect(shared(w).pendingChanges()).toBe(1));
    await shared(w).recreate();
    expect(editor.created).toBe(2);
    expect(editor.doc).toEqual({ form: 'intake', name: '名称' });
    expect(shared(w).pendingChanges()).toBe(1);
  });

  it('given a mounted editor, when the page unmounts it, then the library is destroyed and the page no longer asks', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    editor.edit('name', '名称');
    await until(() => expect(shared(w).pendingChanges()).toBe(1));
    w.unmount();
    wrapper = null;
    expect(editor.alive).toBe(false);
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });
});

describe('unsaved changes', () => {
  it('given an undeployed edit, when the tab is closed, then the browser asks first', async () => {
    const editor = new DocEditor();
    const w = mountHost({ editor, content: V1 });
    await until(() => expect(baseline(w)).toBe('intake'));
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    editor.edit('name', '名称');
    await until(() => expect(shared(w).pendingChanges()).toBe(1));
    expect(unload()).toBe(true);
  });

  /** The modeler page in small: a route per key, the editor inside it, the versions by key. */
  async function mountPage(editor: DocEditor, contents: Record<string, string>, isNew = false) {
    // the page's listeners (onDiscard) fall through to the editor
    const Page = defineComponent({
      props: { definitionKey: { type: String, required: true } },
      setup(props) {
        return () =>
          h(Host, {
            editor,
            definitionKey: props.definitionKey,
            content: contents[props.definitionKey] ?? null,
            isNew,
            deploy: deferredDeploy().deploy,
          });
      },
    });
    const router: Router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/forms/:key', name: 'forms', component: Page, props: (route) => ({ definitionKey: route.params.key }) },
        { path: '/home', name: 'home', component: { render: () => h('div', 'home') } },
      ],
    });
    await router.push('/forms/intake');
    await router.isReady();
    const discarded: number[] = [];
    const App = defineComponent({ setup: () => () => h(RouterView, { onDiscard: () => discarded.push(1) }) });
    wrapper = mount(App, { global: { plugins: [router, i18n, ElementPlus] }, attachTo: document.body });
    await until(() => expect(wrapper!.get('[data-testid="form-modeler"]').attributes('data-baseline')).toBe('intake'));
    return { router, discarded };
  }

  /** The question not answered yet (an answered one stays in the page while it fades out). */
  const dialog = () => document.querySelector<HTMLElement>('.el-message-box:not([data-answered])');
  async function answer(choice: '放弃修改' | '继续编辑'): Promise<void> {
    await until(() => expect(dialog()?.textContent).toContain('未部署的修改'));
    const box = dialog()!;
    box.dataset.answered = choice;
    [...box.querySelectorAll('button')].find((b) => b.textContent?.trim() === choice)!.click();
  }

  it('given an undeployed edit, when another definition is opened, then the user is asked and may stay', async () => {
    const editor = new DocEditor();
    const { router } = await mountPage(editor, { intake: V1, reply: JSON.stringify({ form: 'reply' }) });
    editor.edit('name', '名称');
    await until(() => expect(wrapper!.get('[data-testid="change-count"]').text()).toBe('变更 1'));

    const stay = router.push('/forms/reply');
    await answer('继续编辑');
    await stay;
    expect(router.currentRoute.value.params.key).toBe('intake');
    expect(editor.doc!.name).toBe('名称');

    const leave = router.push('/home');
    await answer('放弃修改');
    await leave;
    expect(router.currentRoute.value.name).toBe('home');
  });

  it('given an older version asked for, when there is an undeployed edit, then the user is asked too', async () => {
    const editor = new DocEditor();
    const { router } = await mountPage(editor, { intake: V1 });
    editor.edit('name', '名称');
    await until(() => expect(wrapper!.get('[data-testid="change-count"]').text()).toBe('变更 1'));
    const older = router.push({ name: 'forms', params: { key: 'intake' }, query: { version: '1' } });
    await answer('放弃修改');
    await older;
    expect(router.currentRoute.value.query.version).toBe('1');
  });

  it('given no edit, when another page is opened, then nobody is asked', async () => {
    const editor = new DocEditor();
    const { router } = await mountPage(editor, { intake: V1 });
    await router.push('/home');
    expect(router.currentRoute.value.name).toBe('home');
    expect(dialog()).toBeNull();
  });

  it('given a draft without edits, when the user leaves it, then they are asked and the page forgets the draft', async () => {
    const editor = new DocEditor();
    const { router, discarded } = await mountPage(editor, { intake: V1 }, true);
    const leave = router.push('/home');
    await answer('放弃修改');
    await leave;
    expect(router.currentRoute.value.name).toBe('home');
    expect(discarded).toHaveLength(1);
  });
});
