// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { DEFAULT_LOCALE, i18n } from '@/i18n';
import { api } from '@/api';
import DecisionModeler from '@/components/DecisionModeler.vue';
import { blankDecision } from '@/modeler/templates';

async function settle(ms = 400): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, ms / 5));
  }
}

/**
 * Without DMNDI dmn-js opens the decision table (plain DOM) first and never touches the DRD, which
 * renders in happy-dom only with polyfillSvgTransformList (the properties panel tests below).
 */
function tableOnly(key: string, name: string): string {
  return blankDecision(key, name).replace(/<dmndi:DMNDI>[\s\S]*<\/dmndi:DMNDI>/, '');
}

type Exposed = { pendingChanges(): number };

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
  await settle(50);
}

describe('DecisionModeler (decision table view)', () => {
  it('imports the XML as baseline, opens the decision table and has nothing to deploy', async () => {
    const w = mountEditor(tableOnly('routing2', '分流'));
    await settle();
    expect(w.emitted('error')).toBeUndefined();
    expect(w.get('[data-testid="decision-modeler"]').attributes('data-baseline')).toBe('routing2');
    expect(w.find('[data-testid="editor-problems"]').exists()).toBe(false);
    expect((w.vm as unknown as Exposed).pendingChanges()).toBe(0);
    expect(w.get('[data-testid="editor-deploy"]').attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid="editor-download"]').attributes('disabled')).toBeUndefined();
    expect(w.find('.dmn-decision-table-container').exists()).toBe(true);
    // dmn-js labels in Chinese, and one tab per view
    expect(w.get('.dmn-decision-table-container').text()).toContain('命中策略');
    expect(w.get('[data-testid="decision-views"]').text()).toContain('分流');
    expect(w.get('[data-testid="decision-views"]').text()).toContain('决策需求图');
  });

  it('lists a missing history time to live as a problem and blocks deploying', async () => {
    const w = mountEditor(tableOnly('routing2', '分流'));
    await settle();
    await setTtl(w, '');
    const list = w.get('[data-testid="editor-problems"]');
    expect(list.text()).toContain('历史数据保留时间');
    expect(w.get('[data-testid="editor-deploy"]').attributes('disabled')).toBeDefined();
    expect((w.vm as unknown as Exposed).pendingChanges()).toBe(1);
  });

  it('deploys the edited file under its resource name and shows the new version', async () => {
    const post = vi.spyOn(api, 'post').mockResolvedValue({
      deploymentId: 'dep-2',
      created: true,
      processes: [],
      decisions: ['routing2:4'],
    });
    const w = mountEditor(tableOnly('routing2', '分流'));
    await settle();
    await setTtl(w, '365');
    expect((w.vm as unknown as Exposed).pendingChanges()).toBe(1);
    const deployButton = w.get('[data-testid="editor-deploy"]');
    expect(deployButton.attributes('disabled')).toBeUndefined();
    await deployButton.trigger('click');
    await settle(100);
    expect(post).toHaveBeenCalledTimes(1);
    const [path, body] = post.mock.calls[0]!;
    expect(path).toBe('/processes/deploy');
    const file = (body as FormData).get('files') as File;
    expect(file.name).toBe('routing2.dmn');
    expect(await file.text()).toContain('camunda:historyTimeToLive="365"');
    expect(w.emitted('deployed')?.[0]?.[1]).toBe('routing2');
    expect(w.get('[data-testid="deploy-result"]').text()).toContain('版本 4');
    expect((w.vm as unknown as Exposed).pendingChanges()).toBe(0);
  });

  it('switches between decision tables with the view tabs', async () => {
    const two = tableOnly('routing2', '分流').replace(
      '</definitions>',
      tableOnly('second', '复核').replace(/^[\s\S]*?(<decision )/, '$1').replace(/<\/definitions>\s*$/, '') + '</definitions>',
    );
    const w = mountEditor(two);
    await settle();
    expect(w.emitted('error')).toBeUndefined();
    const tabs = w.findAll('[data-testid="decision-views"] .el-tabs__item');
    expect(tabs.map((tab) => tab.text())).toEqual(['决策需求图', '分流', '复核']);
    expect(w.get('.dmn-decision-table-container').text()).toContain('分流');
    await tabs[2]!.trigger('click');
    await settle(100);
    expect(w.get('.dmn-decision-table-container').text()).toContain('复核');
    expect(w.get('[data-testid="decision-views"] .el-tabs__item.is-active').text()).toBe('复核');
  });

  it('renders the dmn-js labels again when the UI language changes', async () => {
    const w = mountEditor(tableOnly('routing2', '分流'));
    await settle();
    expect(w.get('.dmn-decision-table-container').text()).toContain('命中策略');
    i18n.global.locale.value = 'en';
    await settle(100);
    expect(w.get('.dmn-decision-table-container').text()).toContain('Hit policy');
    expect(w.get('[data-testid="decision-views"]').text()).toContain('Decision requirements');
    expect((w.vm as unknown as Exposed).pendingChanges()).toBe(0);
  });

  it('clears on null and reports XML it cannot read', async () => {
    const w = mountEditor(tableOnly('routing2', '分流'));
    await settle();
    await w.setProps({ xml: null });
    await settle(50);
    expect(w.get('[data-testid="decision-modeler"]').attributes('data-baseline')).toBe('');
    expect(w.get('[data-testid="editor-download"]').attributes('disabled')).toBeDefined();
    await w.setProps({ xml: '<not-dmn/>' });
    await settle(100);
    expect(w.emitted('error')?.length).toBe(1);
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
    await settle();
    expect(w.emitted('error')).toBeUndefined();
    // the table opens first; its side panel keeps the time to live and leads to all properties
    expect(w.find('input[data-testid="decision-ttl"]').exists()).toBe(true);
    await w.get('[data-testid="decision-edit-properties"]').trigger('click');
    await settle();
    const panel = w.get('[data-testid="decision-properties-panel"]');
    expect(panel.isVisible()).toBe(true);
    expect(panel.get('.bio-properties-panel-header-type').text()).toBe('Decision');
    // Chinese group titles and entries, Camunda's version tag and history cleanup included
    expect(panel.text()).toContain('常规');
    expect(panel.text()).toContain('历史清理');
    expect(panel.text()).toContain('版本标签');
    expect(panel.get<HTMLInputElement>('input[name="historyTimeToLive"]').element.value).toBe('180');
    expect(w.find('input[data-testid="decision-ttl"]').exists()).toBe(false);

    const name = panel.get<HTMLTextAreaElement>('[name="name"]');
    expect(name.element.value).toBe('分流');
    await name.setValue('分流（新）');
    await settle(600);
    const modeler = (window as unknown as { __decisionModeler: { saveXML(): Promise<{ xml: string }> } })
      .__decisionModeler;
    const { xml } = await modeler.saveXML();
    expect(xml).toMatch(/<decision id="routing2" name="分流（新）"/);
    await settle();
    expect((w.vm as unknown as Exposed).pendingChanges()).toBe(1);
    expect(w.get('[data-testid="decision-views"]').text()).toContain('分流（新）');
  });

  it('opens the panel on the decision when a decision-level problem is selected', async () => {
    const w = mountEditor(blankDecision('routing2', '分流'));
    await settle();
    await w.get('input[data-testid="decision-ttl"]').setValue('');
    await settle(100);
    await w.get('[data-testid="editor-problems"] li a').trigger('click');
    await settle();
    const panel = w.get('[data-testid="decision-properties-panel"]');
    expect(panel.isVisible()).toBe(true);
    expect(panel.get<HTMLInputElement>('input[name="historyTimeToLive"]').element.value).toBe('');
  });
});

