// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { i18n } from '@/i18n';
import DecisionModeler from '@/components/DecisionModeler.vue';
import { blankDecision } from '@/modeler/templates';

async function settle(ms = 400): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, ms / 5));
  }
}

let wrapper: VueWrapper | null = null;
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  vi.restoreAllMocks();
});

function mountEditor(xml: string | null, key = 'routing2') {
  wrapper = mount(DecisionModeler, {
    props: { definitionKey: key, resource: `${key}.dmn`, xml },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  });
  return wrapper;
}

/**
 * happy-dom has no SVG transform lists, so the DRD (diagram-js) cannot render here; without DMNDI
 * dmn-js opens the decision table (plain DOM) first and never touches the DRD.
 */
function tableOnly(key: string, name: string): string {
  return blankDecision(key, name).replace(/<dmndi:DMNDI>[\s\S]*<\/dmndi:DMNDI>/, '');
}

describe('DecisionModeler', () => {
  it('imports the XML as baseline, opens the decision table and has nothing to deploy', async () => {
    const w = mountEditor(tableOnly('routing2', '分流'));
    await settle();
    expect(w.emitted('error')).toBeUndefined();
    const root = w.get('[data-testid="decision-modeler"]');
    expect(root.attributes('data-baseline')).toBe('routing2');
    expect(w.find('[data-testid="editor-problems"]').exists()).toBe(false);
    expect((w.vm as unknown as { pendingChanges(): number }).pendingChanges()).toBe(0);
    expect(w.get('[data-testid="editor-deploy"]').attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid="editor-download"]').attributes('disabled')).toBeUndefined();
    expect(w.find('.dmn-decision-table-container').exists()).toBe(true);
  });
});
