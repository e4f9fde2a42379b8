import { api, engine, login } from '../support/harness';
import { register, waitForTask } from '../support/petitions';
import { chainOf, runScenario, Scenario } from '../support/scenarios';
import { workingDaysAfter, workingDaysBefore } from '../support/statutory-calendar';
import { halfway, sec, timersOf } from '../support/statutory-clock';

/**
 * Entry at every tier and every routing outcome of routing.dmn (信访工作条例 第二十二条): each row is
 * registered for real and must leave exactly this chain of hand-overs and wait at exactly this unit.
 * Units: 990100 示范市, 990102 东湖区, 990102001 东湖街道, 990102001001 东湖社区, 990121 青山县.
 */
const entryAndRouting: Scenario[] = [
  {
    rule: '村信访代办站代村民登记，转交所在乡镇信访调处室；乡镇权限内的事项由乡镇办理',
    registrar: 'dhsq.agent',
    petition: { channel: 'visit', matterScope: 'village', regionCode: '990102001001' },
    actions: [{ by: 'dhsq.agent', step: 'forward-to-township', body: { note: '已核对材料，转交街道' } }],
    chain: ['forward 990102001001-agent-station → 990102001-petition-office'],
    outcome: { waitsAt: { by: 'dhjd.handler', step: 'accept-decision' } },
  },
  {
    rule: '村代办站转交后，超出乡镇职权的事项由乡镇报请县级，县信访接待办理中心分流至后台办理室',
    registrar: 'dhsq.agent',
    petition: { matterScope: 'county', regionCode: '990102001001' },
    actions: [{ by: 'dhsq.agent', step: 'forward-to-township', body: {} }],
    chain: [
      'forward 990102001001-agent-station → 990102001-petition-office',
      'escalate 990102001-petition-office → 990102-petition-office',
      'route 990102-petition-office → 990102-handling-room-1',
    ],
    outcome: { waitsAt: { by: 'donghu.room1', step: 'accept-decision' } },
  },
  {
    rule: '乡镇信访调处室登记本乡镇职权内的事项，由本单位办理，不经转送',
    registrar: 'dhjd.handler',
    petition: { matterScope: 'township', regionCode: '990102001002' },
    chain: [],
    outcome: { waitsAt: { by: 'dhjd.handler', step: 'accept-decision' } },
  },
  {
    rule: '县信访接待办理中心前台登记县级事项，分流至后台办理室',
    registrar: 'donghu.registrar',
    petition: { matterScope: 'county' },
    chain: ['route 990102-petition-office → 990102-handling-room-1'],
    outcome: { waitsAt: { by: 'donghu.room1', step: 'accept-decision' } },
  },
  {
    rule: '县信访接待办理中心登记乡镇职权内的事项，转送乡镇信访调处室',
    registrar: 'donghu.registrar',
    petition: { matterScope: 'township', regionCode: '990102001002' },
    chain: ['route 990102-petition-office → 990102001-petition-office'],
    outcome: { waitsAt: { by: 'dhjd.handler', step: 'accept-decision' } },
  },
  {
    rule: '县级登记的市级事项，报请市信访局，由市信访局转送市职能部门',
    registrar: 'donghu.registrar',
    petition: { matterScope: 'city' },
    chain: ['escalate 990102-petition-office → 990100-petition-office', 'route 990100-petition-office → 990100-dept-housing'],
    outcome: { waitsAt: { by: 'city.housing', step: 'accept-decision' } },
  },
  {
    rule: '市信访局登记市级建议意见类事项，由市信访局自行办理',
    registrar: 'city.registrar',
    petition: { category: 'suggestion', matterScope: 'city', regionCode: '990100' },
    chain: [],
    outcome: { waitsAt: { by: 'city.handler', step: 'accept-decision' } },
  },
  {
    rule: '检举控告类事项转送纪检监察机关（第二十九条）',
    registrar: 'donghu.registrar',
    petition: { category: 'accusation', matterScope: 'township' },
    chain: ['route 990102-petition-office → 990102-discipline'],
    outcome: { waitsAt: { by: 'donghu.discipline', step: 'accept-decision' } },
  },
  {
    rule: '区域规则：青山县的县级建议意见类事项由县信访接待办理中心直接办理',
    registrar: 'qingshan.registrar',
    petition: { category: 'suggestion', matterScope: 'county', regionCode: '990121100201' },
    chain: [],
    outcome: { waitsAt: { by: 'qingshan.registrar', step: 'accept-decision' } },
  },
  {
    rule: '网上信访从所涉地区的信访部门进入（由市信访局代录，进入东湖街道信访调处室）',
    registrar: 'city.registrar',
    petition: { channel: 'online', matterScope: 'township', regionCode: '990102001002' },
    chain: [],
    outcome: { waitsAt: { by: 'dhjd.handler', step: 'accept-decision' } },
  },
];

describe('four-tier entry and routing', () => {
  it.each(entryAndRouting.map((s) => [s.rule, s] as const))('%s', async (_rule, scenario) => {
    const result = await runScenario(scenario);
    expect(chainOf(result.petition)).toEqual(scenario.chain);
    // every link is on the timeline with its time and reason
    for (const link of result.petition.handOvers) {
      expect(link.reason).toBeTruthy();
      expect(Date.parse(link.at)).not.toBeNaN();
    }
  });

  it('gives the village agent one working day to forward, reminds it halfway through, and records the entry tier', async () => {
    // given a villager's petition filed at 东湖社区信访代办站
    const petition = await register({ matterScope: 'village', regionCode: '990102001001' }, 'dhsq.agent');
    const forward = await waitForTask('dhsq.agent', petition.id, 'forward-to-township');
    const view = (await api('GET', `/api/petitions/${petition.id}`, { token: await login('dhsq.agent') })).body;
    expect(view).toMatchObject({ channel: 'agent', entryLevel: 'village', receivingUnit: { code: '990102001001-agent-station' } });

    // then forwarding is due at 24:00 of the first working day after registration (AGENT_FORWARD_WORKING_DAYS = 1)
    const registeredAt = Date.parse(view.timeline.find((e: { kind: string }) => e.kind === 'registered').at);
    const due = workingDaysAfter(registeredAt, 1);
    expect(sec(forward.due!)).toBe(sec(due));

    // and its reminder cannot come 2 working days before a one-day deadline (that is before the task
    // existed): it comes halfway through the period, never in its first half. The clock starts when
    // the registration worker runs: after the timeline's entry, before the engine created the task.
    expect(workingDaysBefore(due, 2).getTime()).toBeLessThan(registeredAt);
    const timers = await timersOf(forward.id);
    const remindAt = sec(timers.get('forward-to-township-remind-timer')!.dueDate);
    const created = Date.parse((await engine<{ created: string }>('GET', `/task/${forward.id}`)).created);
    expect(remindAt).toBeGreaterThanOrEqual(sec(halfway(registeredAt, due)));
    expect(remindAt).toBeLessThanOrEqual(sec(halfway(created + 999, due)));
    // the supervision notice at the deadline, the disciplinary recommendation 5 working days after it
    expect(sec(timers.get('forward-to-township-supervise-timer')!.dueDate)).toBe(sec(due));
    expect(sec(timers.get('forward-to-township-discipline-timer')!.dueDate)).toBe(sec(workingDaysAfter(due, 5)));
  });
});
