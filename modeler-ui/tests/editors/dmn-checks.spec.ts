import { describe, expect, it } from 'vitest';
import { DmnModdle } from 'dmn-moddle';
import camundaDmn from 'camunda-dmn-moddle/resources/camunda.json';
import { checkDmn, duplicateIdsInWarnings, isValidTimeToLive, type DmnNode } from '@/modeler/dmn-checks';
import { dmnSignatures } from '@/modeler/editor-changes';
import { diffSignatures } from '@/modeler/diff';
import { i18n } from '@/i18n';

function dmn(decisions: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
  xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="defs" name="Defs" namespace="http://example.org">
  ${decisions}${extra}
</definitions>`;
}

const TABLE = `
  <decision id="d1" name="分流" camunda:historyTimeToLive="180">
    <decisionTable id="t1" hitPolicy="UNIQUE">
      <input id="i1" label="类别"><inputExpression id="ie1" typeRef="string"><text>category</text></inputExpression></input>
      <output id="o1" label="层级" name="level" typeRef="string" />
      <rule id="r1"><inputEntry id="r1i1"><text>"complaint"</text></inputEntry><outputEntry id="r1o1"><text>"county"</text></outputEntry></rule>
    </decisionTable>
  </decision>`;

async function parse(xml: string): Promise<DmnNode> {
  const { rootElement } = await new DmnModdle({ camunda: camundaDmn }).fromXML(xml);
  return rootElement as DmnNode;
}

describe('DMN checks before deploying', () => {
  it('find nothing wrong in a complete decision table', async () => {
    expect(checkDmn(await parse(dmn(TABLE)))).toEqual([]);
    expect(checkDmn(null)).toEqual([]);
  });

  it('require a name and a history time to live on every decision (the engine enforces it)', async () => {
    const xml = dmn(TABLE.replace(' name="分流" camunda:historyTimeToLive="180"', ''));
    const problems = checkDmn(await parse(xml));
    expect(problems.map((p) => `${p.code}:${p.elementId}:${p.decisionId}`)).toEqual([
      'decisionName:d1:d1',
      'historyTimeToLive:d1:d1',
    ]);
  });

  it('refuse a history time to live that is neither days nor P<n>D', async () => {
    expect(isValidTimeToLive('180')).toBe(true);
    expect(isValidTimeToLive('P30D')).toBe(true);
    expect(isValidTimeToLive(0)).toBe(true);
    for (const bad of ['', ' ', 'abc', '-1', 'P1M', undefined, null]) expect(isValidTimeToLive(bad), String(bad)).toBe(false);
    const problems = checkDmn(await parse(dmn(TABLE.replace('historyTimeToLive="180"', 'historyTimeToLive="soon"'))));
    expect(problems.map((p) => p.code)).toEqual(['historyTimeToLive']);
  });

  it('require at least one input and one output, each with a type', async () => {
    const noColumns = TABLE.replace(/<input id="i1".*<\/input>/, '').replace(/<output[^>]*\/>/, '').replace(/<rule.*<\/rule>/, '');
    expect(checkDmn(await parse(dmn(noColumns))).map((p) => p.code)).toEqual(['noInput', 'noOutput']);
    const untyped = TABLE.replace(' typeRef="string"><text>category', '><text>category').replace(' typeRef="string" />', ' />');
    const problems = checkDmn(await parse(dmn(untyped)));
    expect(problems.map((p) => `${p.code}:${p.elementId}:${p.label}`)).toEqual(['inputTypeRef:i1:类别', 'outputTypeRef:o1:层级']);
  });

  it('report each duplicated id once, also those the XML reader dropped', async () => {
    const second = TABLE.replace('id="d1"', 'id="d2"').replace('id="t1"', 'id="t2"').replace('id="o1"', 'id="o2"');
    const moddle = new DmnModdle({ camunda: camundaDmn });
    const { rootElement, warnings } = await moddle.fromXML(dmn(TABLE, second));
    expect(duplicateIdsInWarnings(warnings)).toEqual(['i1', 'r1']);
    const problems = checkDmn(rootElement as DmnNode, warnings);
    expect(problems.map((p) => `${p.code}:${p.elementId}`)).toEqual(['noInput:d2', 'duplicateId:i1', 'duplicateId:r1']);
    // a tree built in memory (no reader in between) keeps its duplicates
    const tree: DmnNode = {
      $type: 'dmn:Definitions',
      id: 'defs',
      drgElement: [
        { $type: 'dmn:InputData', id: 'x', name: 'a' },
        { $type: 'dmn:InputData', id: 'x', name: 'b' },
        { $type: 'dmn:InputData', id: 'x', name: 'c' },
      ],
    };
    expect(checkDmn(tree).map((p) => `${p.code}:${p.elementId}`)).toEqual(['duplicateId:x']);
  });

  it('check literal-expression decisions only for id, name and time to live', async () => {
    const literal = `<decision id="lit" name="常量" camunda:historyTimeToLive="P30D"><literalExpression id="le"><text>1</text></literalExpression></decision>`;
    expect(checkDmn(await parse(dmn(literal)))).toEqual([]);
  });

  it('describe every problem in both languages', () => {
    for (const code of ['decisionId', 'decisionName', 'noInput', 'noOutput', 'inputTypeRef', 'outputTypeRef', 'duplicateId', 'historyTimeToLive']) {
      expect(i18n.global.te(`editors.dmn.checks.${code}`, 'zh-CN')).toBe(true);
      expect(i18n.global.te(`editors.dmn.checks.${code}`, 'en')).toBe(true);
    }
  });
});

describe('DMN changes against the deployed version', () => {
  it('mark only the element that changed', async () => {
    const before = dmnSignatures(await parse(dmn(TABLE)));
    expect(diffSignatures(before, dmnSignatures(await parse(dmn(TABLE))))).toEqual({ added: [], removed: [], changed: [] });
    expect([...before.keys()].sort()).toEqual(['d1', 'defs', 'i1', 'ie1', 'o1', 'r1', 'r1i1', 'r1o1', 't1']);
    const edited = TABLE.replace('"county"', '"city"').replace('name="分流"', 'name="分流规则"');
    const diff = diffSignatures(before, dmnSignatures(await parse(dmn(edited))));
    expect(diff.changed).toEqual(['d1', 'r1o1']);
    const fewer = TABLE.replace(/<rule.*<\/rule>/, '');
    expect(diffSignatures(before, dmnSignatures(await parse(dmn(fewer)))).removed).toEqual(['r1', 'r1i1', 'r1o1']);
  });
});
