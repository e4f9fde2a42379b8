import { describe, expect, it } from 'vitest';
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { collectSignatures, diffCount, diffSignatures, type ModdleLike } from '@/modeler/diff';
import { LINT_RULES, lintBundle, mapLintIssues, ruleMessageKey } from '@/modeler/lint';
import { i18n } from '@/i18n';

function diagram(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://example.org">
  <bpmn:process id="p" isExecutable="true" camunda:historyTimeToLive="180">${body}</bpmn:process>
</bpmn:definitions>`;
}

async function signatures(xml: string) {
  const moddle = new BpmnModdle({ camunda });
  const { rootElement } = await moddle.fromXML(xml);
  return collectSignatures(rootElement as unknown as ModdleLike);
}

const BASE = `
  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:userTask id="review" name="审核" camunda:candidateGroups="room1"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
  <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>`;

describe('changes against the deployed version', () => {
  it('finds no change between two parses of the same diagram', async () => {
    const diff = diffSignatures(await signatures(diagram(BASE)), await signatures(diagram(BASE)));
    expect(diff).toEqual({ added: [], removed: [], changed: [] });
    expect(diffCount(diff)).toBe(0);
  });

  it('lists added, removed and changed elements (names and Camunda attributes included)', async () => {
    const edited = BASE.replace('name="审核"', 'name="复核"')
      .replace('<bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>', '')
      .replace('targetRef="end"', 'targetRef="done"')
      .concat('<bpmn:endEvent id="done" /><bpmn:task id="extra" />');
    const before = await signatures(diagram(BASE));
    const after = await signatures(diagram(edited));
    const diff = diffSignatures(before, after);
    expect(diff.added).toEqual(['done', 'extra']);
    expect(diff.removed).toEqual(['end']);
    expect(diff.changed).toEqual(['f2', 'review']);
    expect(diffCount(diff)).toBe(5);

    const groups = diffSignatures(
      before,
      await signatures(diagram(BASE.replace('camunda:candidateGroups="room1"', 'camunda:candidateGroups="room2"'))),
    );
    expect(groups.changed).toEqual(['review']);
  });

  it('collects the process itself and nothing from an empty tree', async () => {
    expect([...(await signatures(diagram(BASE))).keys()].sort()).toEqual(['end', 'f1', 'f2', 'p', 'review', 'start']);
    expect(collectSignatures(null).size).toBe(0);
  });
});

describe('lint results', () => {
  it('flattens the reports per element, errors first, with the element named', () => {
    const summary = mapLintIssues(
      {
        review: [{ id: 'review', message: 'Element is missing label/name', category: 'warn', rule: 'label-required' }],
        lonely: [
          { id: 'lonely', message: 'Element is not connected', category: 'error', rule: 'no-disconnected' },
          { id: 'lonely', message: 'Element is an implicit end', category: 'error', rule: 'no-implicit-end' },
        ],
        Process_1: [
          {
            id: 'Process_1',
            actualElementId: 'p',
            message: 'Process is missing a time to live',
            category: 'info',
            rule: 'camunda-compat/history-time-to-live',
          },
        ],
        broken: [{ id: 'broken', message: 'Rule error', category: 'rule-error', rule: 'bpmnlint/x' }],
      },
      (id) => ({ lonely: '孤立任务', p: '单位办理' })[id] ?? null,
    );
    expect(summary.errors).toBe(3);
    expect(summary.warnings).toBe(1);
    expect(summary.infos).toBe(1);
    expect(summary.issues.map((i) => `${i.category}:${i.elementId}:${i.elementLabel}:${i.rule}`)).toEqual([
      'error:broken:broken:x',
      'error:lonely:孤立任务:no-implicit-end',
      'error:lonely:孤立任务:no-disconnected',
      'warn:review:review:label-required',
      'info:Process_1:单位办理:camunda-compat/history-time-to-live',
    ]);
    expect(mapLintIssues(null).issues).toEqual([]);
  });

  it('bundles every configured rule, the Camunda 7.24 ones included', () => {
    expect(LINT_RULES['camunda-compat/history-time-to-live']).toEqual(['info', { platform: 'camunda-platform', version: '7.24' }]);
    for (const name of Object.keys(lintBundle.config.rules)) {
      const [pkg, rule] = name.includes('/') ? ['bpmnlint-plugin-camunda-compat', name.split('/')[1]] : ['bpmnlint', name];
      expect(lintBundle.resolver.resolveRule(pkg, rule)).toBeTypeOf('function');
    }
    expect(() => lintBundle.resolver.resolveRule('bpmnlint', 'no-such-rule')).toThrow();
  });

  it('describes every configured rule in Chinese and English', () => {
    expect(ruleMessageKey('camunda-compat/history-time-to-live')).toBe('modeler.rules.historyTimeToLive');
    expect(ruleMessageKey('no-disconnected')).toBe('modeler.rules.noDisconnected');
    for (const rule of Object.keys(LINT_RULES)) {
      expect(i18n.global.te(ruleMessageKey(rule), 'zh-CN')).toBe(true);
      expect(i18n.global.te(ruleMessageKey(rule), 'en')).toBe(true);
    }
  });
});

describe('editor labels', () => {
  it('are Chinese while the UI is Chinese, English otherwise, with placeholders filled in', async () => {
    const { translateEditor } = await import('@/modeler/translate');
    const { i18n } = await import('@/i18n');
    i18n.global.locale.value = 'zh-CN';
    expect(translateEditor('Create task')).toBe('创建任务');
    expect(translateEditor('{eventType}: {type}', { eventType: 'start', type: 'class' })).toBe('start: class');
    i18n.global.locale.value = 'en';
    expect(translateEditor('Create task')).toBe('Create task');
    i18n.global.locale.value = 'zh-CN';
  });
});
