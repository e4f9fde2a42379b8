// What the process, decision and form editors share around their canvas: the editor's life (created
// on mount, given each version the page loads, destroyed on unmount), import from a file, download,
// deploy with its outcome, the changes against the deployed version and what depends on them (the
// toolbar, the leave and unload guards). An editor brings only its library, behind an adapter.
import { computed, onBeforeUnmount, onMounted, reactive, ref, shallowRef, watch, type EmitFn } from 'vue';
import { ElMessage } from 'element-plus';
import { i18n } from '@/i18n';
import type { DeploymentResult } from '@/api/types';
import { diffCount, diffSignatures, type ElementDiff } from './diff';
import { downloadText, errorMessage } from './download';
import { useUnsavedChangesGuard } from './unsaved-changes';

/** What a deployment gave: the engine's answer, and the key and version of the edited definition. */
export interface DeployOutcome {
  result: DeploymentResult;
  key: string;
  version: number | null;
}

/** i18n keys of what the editor tells the user; the BPMN editor keeps its own wording. */
export interface EditorMessages {
  import: string;
  download: string;
  deploy: string;
  deploying: string;
  /** {key} {version} */
  deployed: string;
  unchanged: string;
  deployFailed: string;
  /** {message} */
  importFailed: string;
  /** {message} */
  exportFailed: string;
  /** {message}: the version the page gave cannot be shown. */
  renderFailed: string;
  /** {count}: why deploying is disabled, as the button's tooltip; none: no tooltip. */
  blocked?: string;
  nothingChanged?: string;
}

/** The messages of one i18n namespace, e.g. `modeler.import`, `modeler.download`, … */
export function messagesIn(namespace: string): EditorMessages {
  const keys = ['import', 'download', 'deploy', 'deploying', 'deployed', 'unchanged', 'deployFailed', 'importFailed', 'exportFailed', 'renderFailed'];
  return Object.fromEntries(keys.map((key) => [key, `${namespace}.${key}`])) as unknown as EditorMessages;
}

/** The decision and form editors' messages. */
export const EDITOR_MESSAGES: EditorMessages = {
  ...messagesIn('editors'),
  blocked: 'editors.blocked',
  nothingChanged: 'editors.nothingChanged',
};

/** The editor library behind one editor component. */
export interface EditorAdapter {
  /** Creates the library's editor (the component's elements exist by then). */
  create(): void;
  destroy(): void;
  /** Shows a document; rejects with what is wrong with it. */
  load(text: string): Promise<void>;
  /** Empties the editor. */
  clear(): void;
  /** The document as its file's text. */
  save(): Promise<string>;
  /** Signatures of the document's elements by id (editor-changes.ts, diff.ts). */
  signatures(): Map<string, string>;
  /** Deploys the saved text; says which definition and version that made. */
  deploy(text: string): Promise<DeployOutcome>;
  /** After the changes were counted again (null: the editor is empty): the editor's checks and markers. */
  refreshed?(diff: ElementDiff | null): void;
}

/** The XML of a bpmn-js or dmn-js editor, indented; an editor that gives none fails. */
export async function savedXml(editor: { saveXML(options: { format: boolean }): Promise<{ xml?: string }> }): Promise<string> {
  const { xml } = await editor.saveXML({ format: true });
  if (!xml) throw new Error('empty');
  return xml;
}

/** What each editor tells the page: `const emit = defineEmits(DEFINITION_EDITOR_EVENTS)`. */
export const DEFINITION_EDITOR_EVENTS = {
  /** A deployment was made (or found nothing new): the page lists it and loads the version. */
  deployed: (result: DeploymentResult, key: string) => !!result && typeof key === 'string',
  /** The version the page gave cannot be shown. */
  error: (message: string) => typeof message === 'string',
  /** The person left the draft (never deployed) for another page: the page forgets it. */
  discard: () => true,
};

export interface DefinitionEditorOptions {
  adapter: EditorAdapter;
  /** The version the page loaded (XML or JSON); null empties the editor. Each new one is the new baseline. */
  content: () => string | null;
  definitionKey: () => string;
  /** A draft, never deployed. */
  isNew: () => boolean;
  /** Name and type of the downloaded file. */
  fileName: () => string;
  mimeType: string;
  /** A draft's elements all count as added (BPMN); else a draft starts with no change. */
  draftIsAllAdded?: boolean;
  /** Deploying needs a change against the deployed version (a draft needs none). */
  deployNeedsChange?: boolean;
  /** Problems that block deploying (lint errors, failed checks); read reactively. */
  blockers: () => number;
  messages: EditorMessages;
  emit: EmitFn<typeof DEFINITION_EDITOR_EVENTS>;
}

/** The props of the decision and form editors, whose file is deployed under its resource name. */
export interface ResourceEditorProps {
  /** Key of the decision or form being edited (the version shown after a deployment is this one's). */
  definitionKey: string;
  /** Name of the deployed file, e.g. "routing.dmn": the download and the deployment use it. */
  resource: string;
  /** A new, never deployed document (a template): deploying needs no change then. Absent: false. */
  isNew?: boolean;
}

/** The options of an editor of a deployed resource file: deploying needs a change unless it is a draft. */
export function resourceEditor(props: ResourceEditorProps, content: () => string | null, mimeType: string) {
  return {
    content,
    definitionKey: () => props.definitionKey,
    isNew: () => !!props.isNew,
    fileName: () => props.resource,
    mimeType,
    deployNeedsChange: true,
    messages: EDITOR_MESSAGES,
  } satisfies Partial<DefinitionEditorOptions>;
}

/** Changes are counted this long after the last edit, not on every keystroke. */
const REFRESH_DELAY_MS = 150;

export function useDefinitionEditor(options: DefinitionEditorOptions) {
  const { adapter, messages, emit } = options;
  const { t } = i18n.global;

  const hasContent = ref(false);
  /** The definition whose loaded version is the baseline now (`data-baseline`, for tests to wait on). */
  const baselineKey = ref<string | null>(null);
  const diff = shallowRef<ElementDiff | null>(null);
  const deploying = ref(false);
  const deployed = shallowRef<{ key: string; version: number | null; created: boolean } | null>(null);

  let created = false;
  let baseline = new Map<string, string>();
  /**
   * Each import takes a number and waits for the one before it to end, so that the editor ends up
   * showing the last one asked for; one overtaken meanwhile (or by unmounting) does not apply.
   */
  let importSeq = 0;
  let imports: Promise<unknown> = Promise.resolve();
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  function inTurn(task: (current: () => boolean) => Promise<void>): Promise<void> {
    const seq = ++importSeq;
    const run = imports.then(() => task(() => created && seq === importSeq));
    imports = run.catch(() => undefined);
    return run;
  }

  // ---- changes against the deployed version ------------------------------------------------------
  function refresh(): void {
    clearTimeout(refreshTimer);
    diff.value = created && hasContent.value ? diffSignatures(baseline, adapter.signatures()) : null;
    adapter.refreshed?.(diff.value);
  }

  function scheduleRefresh(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, REFRESH_DELAY_MS);
  }

  const changeCount = computed(() => diffCount(diff.value));

  /** Changes not deployed yet. */
  function pendingChanges(): number {
    return hasContent.value ? changeCount.value : 0;
  }

  // ---- the page's version, and files from disk -----------------------------------------------------
  function empty(): void {
    adapter.clear();
    hasContent.value = false;
    baseline = new Map();
    baselineKey.value = null;
    deployed.value = null;
    refresh();
  }

  function showVersion(text: string | null): Promise<void> {
    return inTurn(async (current) => {
      if (!current()) return;
      if (!text) return empty();
      try {
        await adapter.load(text);
        if (!current()) return;
        hasContent.value = true;
        baseline = options.isNew() && options.draftIsAllAdded ? new Map() : adapter.signatures();
        // The page fetches the version just deployed and shows it here: the outcome stays on screen
        // (it vanished with that reload, so a slow eye, or a browser test, could miss it). Another
        // definition starts without one.
        if (baselineKey.value !== options.definitionKey()) deployed.value = null;
        baselineKey.value = options.definitionKey();
        refresh();
      } catch (error) {
        if (current()) emit('error', t(messages.renderFailed, { message: errorMessage(error) }));
      }
    });
  }

  /** A file from disk replaces the content; the changes stay counted against the deployed version. */
  function importFile(file: File): Promise<void> {
    return inTurn(async (current) => {
      try {
        const text = await file.text();
        if (!current()) return;
        await adapter.load(text);
        hasContent.value = true;
        refresh();
      } catch (error) {
        ElMessage.error(t(messages.importFailed, { message: errorMessage(error) }));
      }
    });
  }

  /** A new editor with the content the old one held (a library that takes its labels only once). */
  function recreate(): Promise<void> {
    return inTurn(async (current) => {
      try {
        const text = created && hasContent.value ? await adapter.save() : null;
        if (!created) return;
        adapter.destroy();
        adapter.create();
        // a version asked for meanwhile comes next and brings its own content
        if (text === null || !current()) return;
        await adapter.load(text);
        if (current()) refresh();
      } catch (error) {
        if (current()) emit('error', t(messages.renderFailed, { message: errorMessage(error) }));
      }
    });
  }

  // ---- download and deploy -----------------------------------------------------------------------
  async function download(): Promise<void> {
    try {
      downloadText(options.fileName(), await adapter.save(), options.mimeType);
    } catch (error) {
      ElMessage.error(t(messages.exportFailed, { message: errorMessage(error) }));
    }
  }

  const deployDisabled = computed(
    () => options.blockers() > 0 || (!!options.deployNeedsChange && !options.isNew() && changeCount.value === 0),
  );
  const deployHint = computed(() => {
    const blockers = options.blockers();
    if (blockers && messages.blocked) return t(messages.blocked, { count: blockers });
    return messages.nothingChanged ? t(messages.nothingChanged) : undefined;
  });
  /** The outcome of the last deployment from this editor, in the current language. */
  const lastDeploy = computed(() => {
    const outcome = deployed.value;
    if (!outcome) return null;
    const text = outcome.created ? t(messages.deployed, { key: outcome.key, version: outcome.version ?? '?' }) : t(messages.unchanged);
    return { text, created: outcome.created };
  });

  async function deploy(): Promise<void> {
    if (!created || !hasContent.value || deployDisabled.value || deploying.value) return;
    deploying.value = true;
    try {
      const { result, key, version } = await adapter.deploy(await adapter.save());
      deployed.value = { key, version, created: result.created };
      // what was deployed is the new reference, also before the page reloads it
      baseline = adapter.signatures();
      refresh();
      if (result.created) ElMessage.success(lastDeploy.value!.text);
      else ElMessage.info(lastDeploy.value!.text);
      emit('deployed', result, key);
    } catch (error) {
      ElMessage.error(`${t(messages.deployFailed)}：${errorMessage(error)}`);
    } finally {
      deploying.value = false;
    }
  }

  // ---- life of the editor --------------------------------------------------------------------------
  useUnsavedChangesGuard({
    pending: pendingChanges,
    // a deployed draft is a definition like any other
    isDraft: () => options.isNew() && deployed.value === null,
    onDiscard: () => emit('discard'),
  });

  onMounted(() => {
    adapter.create();
    created = true;
    void showVersion(options.content());
  });

  watch(options.content, (text) => void showVersion(text));

  onBeforeUnmount(() => {
    importSeq++;
    clearTimeout(refreshTimer);
    if (created) adapter.destroy();
    created = false;
  });

  return reactive({
    hasContent,
    baselineKey,
    diff,
    changeCount,
    deploying,
    deployDisabled,
    deployHint,
    lastDeploy,
    messages,
    pendingChanges,
    refresh,
    scheduleRefresh,
    importFile,
    recreate,
    download,
    deploy,
  });
}

export type DefinitionEditor = ReturnType<typeof useDefinitionEditor>;
