// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import { api } from '@/api';
import DecisionModeler from '@/components/DecisionModeler.vue';
import { blankDecision } from '@/modeler/templates';

/**
 * Waits for what the editor does by itself — importing, opening a view, its debounced checks — to
 * show, never for a fixed time.
 */
const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
// A test waits for several conditions in turn: room for them, and for the last one's own message on failure.
vi.setConfig({ testTimeout: 30_000 });

/**
 * Without DMNDI dmn-js opens the decision table (plain DOM) first and never touches the DRD, which
 * renders in happy-dom only with polyfillSvgTransformList (the properties panel tests below).
 */
function tableOnly(key: string, name: string): string {
  return blankDecision(key, name).replace(/<dmndi:DMNDI>[\s\S]*<\/dmndi:DMNDI>/, '');
}

type Exposed = { pendingChanges(): number };
const pending = (w: VueWrapper) => (w.vm as unknown as Exposed).pendingChanges();
const imported = (w: VueWrapper, key = 'routing2') =>
  until(() => expect(w.get('[data-testid="decision-modeler"]').attributes('data-baseline')).toBe(key));

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

function mountEditor(xml: string | null, key = 'routing2') {
  wrapper = mount(DecisionModeler, {
    props: { definitionKey: key, resource: `${key}.dmn`, xml },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  });
  return wrapper;
}

async function setTtl(w: VueWrapper, value: string): Promise<void> {
  await w.get('input[data-testid="decision-ttl"]').setValue(value);
}

describe('DecisionModeler (decision table view)', () => {
  it('imports the XML as baseline, opens the decision table and has nothing to deploy', async () => {
    const w = mountEditor(tableOnly('routing2', '分流'));
    await imported(w);
    await until(() => expect(w.find('.dmn-decision-table-container').exists()).toBe(true));
    expect(w.emitted('error')).toBeUndefined();
    expect(w.find('[data-testid="editor-problems"]').exists()).toBe(false);
    expect(pending(w)).toBe(0);
    expect(w.get('[data-testid="editor-deploy"]').attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid="editor-download"]').attributes('disabled')).toBeUndefined();
    // dmn-js labels in Chinese, and one tab per view
    expect(w.get('.dmn-decision-table-container').text()).toContain('命中策略');
    await until(() => expect(w.get('[data-testid="decision-views"]').text()).toContain('分流'));
    expect(w.get('[data-testid="decision-views"]').text()).toContain('决策需求图');
  });

  it('lists a missing history time to live as a problem and blocks deploying', async () => {
    const w = mountEditor(tableOnly('routing2', '分流'));
    await imported(w);
    await setTtl(w, '');
    await until(() => expect(w.get('[data-testid="editor-problems"]').text()).toContain('历史数据保留时间'));
    expect(w.get('[data-testid="editor-deploy"]').attributes('disabled')).toBeDefined();
    expect(pending(w)).toBe(1);
  });

  it('deploys the edited file under its resource name and shows the new version', async () => {
    const post = vi.spyOn(api, 'post').mockResolvedValue({
      deploymentId: 'dep-2',
      created: true,
      processes: [],
      decisions: ['routing2:4'],
    });
    const w = mountEditor(tableOnly('routing2', '分流'));
    await imported(w);
    await setTtl(w, '365');
    await until(() => expect(pending(w)).toBe(1));
    const deployButton = w.get('[data-testid="editor-deploy"]');
    await until(() => expect(deployButton.attributes('disabled')).toBeUndefined());
    await deployButton.trigger('click');
    await until(() => expect(w.get('[data-testid="deploy-result"]').text()).toContain('版本 4'));
    expect(post).toHaveBeenCalledTimes(1);
    const [path, body] = post.mock.calls[0]!;
    expect(path).toBe('/processes/deploy');
    const file = (body as FormData).get('files') as File;
    expect(file.name).toBe('routing2.dmn');
    expect(await file.text()).toContain('camunda:historyTimeToLive="365"');
    expect(w.emitted('deployed')?.[0]?.[1]).toBe('routing2');
    expect(pending(w)).toBe(0);
  });

  it('switches between decision tables with the view tabs', async () => {
    const two = tableOnly('routing2', '分流').replace(
      '</definitions>',
      tableOnly('second', '复核').replace(/^[\s\S]*?(<decision )/, '$1').replace(/<\/definitions>\s*$/, '') + '</definitions>',
    );
    const w = mountEditor(two);
    await imported(w);
    const tabs = () => w.findAll('[data-testid="decision-views"] .el-tabs__item');
    await until(() => expect(tabs().map((tab) => tab.text())).toEqual(['决策需求图', '分流', '复核']));
    expect(w.emitted('error')).toBeUndefined();
    await until(() => expect(w.get('.dmn-decision-table-container').text()).toContain('分流'));
    await tabs()[2]!.trigger('click');
    await until(() => expect(w.get('.dmn-decision-table-container').text()).toContain('复核'));
    expect(w.get('[data-testid="decision-views"] .el-tabs__item.is-active').text()).toBe('复核');
  });

  it('renders the dmn-js labels again when the UI language changes', async () => {
    const w = mountEditor(tableOnly('routing2', '分流'));
    await imported(w);
    await until(() => expect(w.get('.dmn-decision-table-container').text()).toContain('命中策略'));
    i18n.global.locale.value = 'en';
    await until(() => expect(w.get('.dmn-decision-table-container').text()).toContain('Hit policy'));
    await until(() => expect(w.get('[data-testid="decision-views"]').text()).toContain('Decision requirements'));
    expect(pending(w)).toBe(0);
  });

  it('clears on null and reports XML it cannot read', async () => {
    const w = mountEditor(tableOnly('routing2', '分流'));
    await imported(w);
    await w.setProps({ xml: null });
    await imported(w, '');
    await until(() => expect(w.get('[data-testid="editor-download"]').attributes('disabled')).toBeDefined());
    await w.setProps({ xml: '<not-dmn/>' });
    await until(() => expect(w.emitted('error')?.length).toBe(1));
  });
});

/**
 * happy-dom's SVG transform lists lack consolidate() and createSVGTransformFromMatrix(), which
 * diagram-js needs to lay out the DRD; with these two the DRD and its properties panel render.
 */
function polyfillSvgTransformList(): void {
  const svg = () => document.createElementNS('http://www.w3.org/2000/svg', 'svg') as unknown as SVGSVGElement;
  const g = document.createElementNS('http://www.w3.org/2000/svg', 'g') as unknown as SVGGElement;
  const proto = Object.getPrototypeOf(g.transform.baseVal) as Record<string, unknown>;
  proto.createSVGTransformFromMatrix ??= (matrix: DOMMatrix) => svg().createSVGTransformFromMatrix(matrix);
  proto.consolidate ??= function (this: SVGTransformList) {
    if (!this.numberOfItems) return null;
    let matrix = this.getItem(0).matrix;
    for (let i = 1; i < this.numberOfItems; i++) matrix = matrix.multiply(this.getItem(i).matrix);
    return svg().createSVGTransformFromMatrix(matrix);
  };
}

describe('DecisionModeler properties panel (DRD)', () => {
  beforeEach(polyfillSvgTransformList);

  it('shows the decision in the panel and writes a new name into the DMN', async () => {
    const w = mountEditor(blankDecision('routing2', '分流'));
    await imported(w);
    expect(w.emitted('error')).toBeUndefined();
    // the table opens first; its side panel keeps the time to live and leads to all properties
    await until(() => expect(w.find('input[data-testid="decision-ttl"]').exists()).toBe(true));
    await w.get('[data-testid="decision-edit-properties"]').trigger('click');
    const panelOf = () => w.get('[data-testid="decision-properties-panel"]');
    await until(() => expect(panelOf().get('.bio-properties-panel-header-type').text()).toBe('Decision'));
    const panel = panelOf();
    expect(panel.isVisible()).toBe(true);
    // Chinese group titles and entries, Camunda's version tag and history cleanup included
    expect(panel.text()).toContain('常规');
    expect(panel.text()).toContain('历史清理');
    expect(panel.text()).toContain('版本标签');
    expect(panel.get<HTMLInputElement>('input[name="historyTimeToLive"]').element.value).toBe('180');
    expect(w.find('input[data-testid="decision-ttl"]').exists()).toBe(false);

    const name = panel.get<HTMLTextAreaElement>('[name="name"]');
    expect(name.element.value).toBe('分流');
    await name.setValue('分流（新）');
    const modeler = (window as unknown as { __decisionModeler: { saveXML(): Promise<{ xml: string }> } })
      .__decisionModeler;
    // the panel writes its entries after a debounce of its own
    await until(async () => expect((await modeler.saveXML()).xml).toMatch(/<decision id="routing2" name="分流（新）"/));
    await until(() => expect(pending(w)).toBe(1));
    await until(() => expect(w.get('[data-testid="decision-views"]').text()).toContain('分流（新）'));
  });

  it('opens the panel on the decision when a decision-level problem is selected', async () => {
    const w = mountEditor(blankDecision('routing2', '分流'));
    await imported(w);
    await until(() => expect(w.find('input[data-testid="decision-ttl"]').exists()).toBe(true));
    await w.get('input[data-testid="decision-ttl"]').setValue('');
    await until(() => expect(w.find('[data-testid="editor-problems"] li a').exists()).toBe(true));
    await w.get('[data-testid="editor-problems"] li a').trigger('click');
    const panelOf = () => w.get('[data-testid="decision-properties-panel"]');
    await until(() => expect(panelOf().isVisible()).toBe(true));
    await until(() => expect(panelOf().get<HTMLInputElement>('input[name="historyTimeToLive"]').element.value).toBe(''));
  });
});
