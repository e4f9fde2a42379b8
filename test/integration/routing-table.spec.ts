import { engine } from '../support/harness';

/**
 * routing.dmn as the engine evaluates it: every rule of the deployed table, one row each, so that a
 * change an administrator deploys is checked against the same expectations.
 */
const table: [category: string, matterScope: string, countyCode: string, level: string, unitKind: string][] = [
  ['accusation', 'city', '990102', 'city', 'discipline-inspection'],
  ['accusation', 'county', '990102', 'county', 'discipline-inspection'],
  ['accusation', 'village', '990121', 'county', 'discipline-inspection'],
  ['complaint', 'village', '990102', 'township', 'petition-office'],
  ['suggestion', 'township', '990121', 'township', 'petition-office'],
  ['complaint', 'county', '990121', 'county', 'handling-room'],
  ['suggestion', 'county', '990102', 'county', 'handling-room'],
  ['suggestion', 'county', '990121', 'county', 'petition-office'],
  ['suggestion', 'city', '990102', 'city', 'petition-office'],
  ['complaint', 'city', '990121', 'city', 'department'],
];

const evaluate = (category: string, matterScope: string, countyCode: string) =>
  engine<{ competentLevel: { value: string }; unitKind: { value: string } }[]>('POST', '/decision-definition/key/routing/evaluate', {
    variables: {
      category: { value: category, type: 'String' },
      matterScope: { value: matterScope, type: 'String' },
      countyCode: { value: countyCode, type: 'String' },
    },
  });

describe('the deployed routing table', () => {
  it.each(table)('routes a %s of %s scope in county %s to the %s %s', async (category, scope, county, level, kind) => {
    const result = await evaluate(category, scope, county);
    expect(result.map((r) => [r.competentLevel.value, r.unitKind.value])).toEqual([[level, kind]]);
  });

  it('has a row above for every rule of the deployed table', async () => {
    // given every row evaluated on its own (outside any process)
    for (const [category, scope, county] of table) await evaluate(category, scope, county);
    // then the engine's decision history shows each rule of the table matched by at least one row
    const definition = await engine<{ id: string }>('GET', '/decision-definition/key/routing');
    const xml = await engine<{ dmnXml: string }>('GET', `/decision-definition/${definition.id}/xml`);
    const rules = [...xml.dmnXml.matchAll(/<rule\s+id="([^"]+)"/g)].map((m) => m[1]);
    const history = await engine<{ processInstanceId: string | null; outputs: { ruleId: string }[] }[]>(
      'GET',
      `/history/decision-instance?decisionDefinitionId=${definition.id}&includeOutputs=true&maxResults=10000`,
    );
    const matched = new Set(history.filter((h) => h.processInstanceId === null).flatMap((h) => h.outputs.map((o) => o.ruleId)));
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.filter((rule) => !matched.has(rule))).toEqual([]);
  });
});
