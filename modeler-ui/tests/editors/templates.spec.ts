// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BpmnModdle } from 'bpmn-moddle';
import { DmnModdle } from 'dmn-moddle';
import camundaBpmn from 'camunda-bpmn-moddle/resources/camunda.json';
import camundaDmn from 'camunda-dmn-moddle/resources/camunda.json';
import { schemaVersion as viewerSchemaVersion } from '@bpmn-io/form-js-viewer';
import {
  DEFAULT_HISTORY_TTL,
  FORM_SCHEMA_VERSION,
  INVALID_KEY_MESSAGE,
  blankDecision,
  blankForm,
  blankProcess,
  isValidDefinitionKey,
} from '@/modeler/templates';
import { checkDmn, type DmnNode } from '@/modeler/dmn-checks';
import { checkForm } from '@/modeler/form-checks';
import { i18n } from '@/i18n';

type Tree = Record<string, any>;

describe('blank process', () => {
  it('parses as an executable Camunda 7 process with a start event and its shape', async () => {
    const xml = blankProcess('intake', '信访 <受理> & "登记"');
    const moddle = new BpmnModdle({ camunda: camundaBpmn });
    const { rootElement, warnings } = await moddle.fromXML(xml);
    expect(warnings).toEqual([]);
    const definitions = rootElement as Tree;
    const process = definitions.rootElements[0];
    expect(process.$type).toBe('bpmn:Process');
    expect(process.id).toBe('intake');
    expect(process.name).toBe('信访 <受理> & "登记"');
    expect(process.isExecutable).toBe(true);
    expect(process.get('camunda:historyTimeToLive')).toBe(String(DEFAULT_HISTORY_TTL));
    expect(process.flowElements.map((e: Tree) => e.$type)).toEqual(['bpmn:StartEvent']);
    const plane = definitions.diagrams[0].plane;
    expect(plane.bpmnElement.id).toBe('intake');
    expect(plane.planeElement[0].bpmnElement).toBe(process.flowElements[0]);
  });
});

describe('blank decision', () => {
  it('parses as DMN 1.3 with one UNIQUE table, one input, one output and its DRD shape', async () => {
    const moddle = new DmnModdle({ camunda: camundaDmn });
    const { rootElement, warnings } = await moddle.fromXML(blankDecision('routing2', '分流 & 规则'));
    expect(warnings).toEqual([]);
    const definitions = rootElement as Tree;
    const decision = definitions.drgElement[0];
    expect(decision.$type).toBe('dmn:Decision');
    expect(decision.id).toBe('routing2');
    expect(decision.name).toBe('分流 & 规则');
    expect(decision.get('camunda:historyTimeToLive')).toBe(String(DEFAULT_HISTORY_TTL));
    const table = decision.decisionLogic;
    expect(table.$type).toBe('dmn:DecisionTable');
    expect(table.hitPolicy).toBe('UNIQUE');
    expect(table.input).toHaveLength(1);
    expect(table.output).toHaveLength(1);
    expect(definitions.dmnDI.diagrams[0].diagramElements[0].dmnElementRef).toBe(decision);
    // the blank table passes the pre-deploy checks, and survives a save
    expect(checkDmn(definitions as DmnNode)).toEqual([]);
    const { xml } = await moddle.toXML(definitions, { format: true });
    const again = (await moddle.fromXML(xml)).rootElement as Tree;
    expect(again.drgElement[0].id).toBe('routing2');
    expect(again.drgElement[0].name).toBe('分流 & 规则');
  });
});

describe('blank form', () => {
  it('carries the key as id, the schema version form-js 1.23 writes and one text field', () => {
    const form = blankForm('petition-intake');
    expect(form.id).toBe('petition-intake');
    expect(FORM_SCHEMA_VERSION).toBe(viewerSchemaVersion);
    expect(form.schemaVersion).toBe(viewerSchemaVersion);
    expect(form.components).toHaveLength(1);
    expect(form.components?.[0]).toMatchObject({ type: 'textfield', key: 'field1' });
    const copy = JSON.parse(JSON.stringify(form));
    expect(copy).toEqual(form);
    expect(checkForm(copy, 'petition-intake')).toEqual([]);
  });

  it('refuses invalid keys in every template', () => {
    expect(() => blankForm('1form')).toThrow();
    expect(() => blankDecision('a b', 'x')).toThrow();
    expect(() => blankProcess('', 'x')).toThrow();
  });
});

describe('definition keys', () => {
  it('accepts NCName-like keys of at most 64 characters', () => {
    for (const key of ['petition', '_p', 'unit-handling', 'routing.v2', 'A1_b-c.d', 'a'.repeat(64)]) {
      expect(isValidDefinitionKey(key), key).toBe(true);
    }
  });

  it('refuses empty, too long, digit-first and punctuated keys', () => {
    for (const key of ['', '1abc', '-a', '.a', 'a b', 'a:b', 'a/b', '信访', 'a'.repeat(65), 'a\n']) {
      expect(isValidDefinitionKey(key), JSON.stringify(key)).toBe(false);
    }
  });

  it('explains the rule in both languages', () => {
    expect(i18n.global.te(INVALID_KEY_MESSAGE, 'zh-CN')).toBe(true);
    expect(i18n.global.te(INVALID_KEY_MESSAGE, 'en')).toBe(true);
    expect(i18n.global.t(INVALID_KEY_MESSAGE, {}, { locale: 'en' })).toContain('64');
  });
});
