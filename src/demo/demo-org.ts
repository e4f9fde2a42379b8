import type { Role } from '../auth/roles';
import type { Level, UnitKind } from '../org/org.types';

/**
 * The demo city: 示范市 with two counties, two townships in each and two villages in each
 * township. Province code 99 does not exist in GB/T 2260, so demo codes never clash with real ones.
 */
interface DemoRegion {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

export const DEMO_PASSWORD = 'Demo@2026';

const tree: [string, string, [string, string, [string, string][]][]][] = [
  [
    '990102',
    '东湖区',
    [
      ['990102001', '东湖街道', [['990102001001', '东湖社区'], ['990102001002', '柳岸社区']]],
      ['990102002', '湖滨街道', [['990102002001', '湖滨社区'], ['990102002002', '新港社区']]],
    ],
  ],
  [
    '990121',
    '青山县',
    [
      ['990121100', '青山镇', [['990121100201', '青山村'], ['990121100202', '桃源村']]],
      ['990121200', '石门乡', [['990121200201', '石门村'], ['990121200202', '溪口村']]],
    ],
  ],
];

export const DEMO_REGIONS: DemoRegion[] = [
  { code: '990100', name: '示范市', level: 'city', parentCode: null },
  ...tree.flatMap(([countyCode, countyName, townships]) => [
    { code: countyCode, name: countyName, level: 'county' as const, parentCode: '990100' },
    ...townships.flatMap(([townCode, townName, villages]) => [
      { code: townCode, name: townName, level: 'township' as const, parentCode: countyCode },
      ...villages.map(([code, name]) => ({ code, name, level: 'village' as const, parentCode: townCode })),
    ]),
  ]),
];

interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  regionCode: string;
  parentUnitCode: string | null;
}

function unitsOf(region: DemoRegion): DemoUnit[] {
  const u = (suffix: string, name: string, kind: UnitKind, parentSuffix: string | null = null): DemoUnit => ({
    code: `${region.code}-${suffix}`,
    name,
    kind,
    regionCode: region.code,
    parentUnitCode: parentSuffix ? `${region.code}-${parentSuffix}` : null,
  });
  switch (region.level) {
    case 'city':
      return [
        u('leadership', `中共${region.name}委、${region.name}人民政府`, 'leadership'),
        u('petition-office', `${region.name}信访局`, 'petition-office'),
        u('handling-room-1', `${region.name}信访事项办理室`, 'handling-room', 'petition-office'),
        u('dept-housing', `${region.name}住房和城乡建设局`, 'department'),
        u('dept-hrss', `${region.name}人力资源和社会保障局`, 'department'),
        u('dept-natural-resources', `${region.name}自然资源和规划局`, 'department'),
        u('discipline', `${region.name}纪委监委`, 'discipline-inspection'),
      ];
    case 'county':
      return [
        u('leadership', `中共${region.name}委、${region.name}人民政府`, 'leadership'),
        u('petition-office', `${region.name}信访接待办理中心`, 'petition-office'),
        u('handling-room-1', `${region.name}信访接待办理中心第一办理室（城建国土）`, 'handling-room', 'petition-office'),
        u('handling-room-2', `${region.name}信访接待办理中心第二办理室（劳动社保）`, 'handling-room', 'petition-office'),
        u('dept-housing', `${region.name}住房和城乡建设局`, 'department'),
        u('dept-hrss', `${region.name}人力资源和社会保障局`, 'department'),
        u('discipline', `${region.name}纪委监委`, 'discipline-inspection'),
      ];
    case 'township':
      return [
        u('leadership', `中共${region.name}委员会、${region.name}人民政府（办事处）`, 'leadership'),
        u('petition-office', `${region.name}信访调处室`, 'petition-office'),
        u('comprehensive-office', `${region.name}综治办`, 'member-body', 'petition-office'),
        u('judicial-office', `${region.name}司法所`, 'member-body', 'petition-office'),
        u('police-station', `${region.name}派出所`, 'member-body', 'petition-office'),
      ];
    case 'village':
      return [u('agent-station', `${region.name}信访代办站`, 'agent-station')];
  }
}

export const DEMO_UNITS: DemoUnit[] = DEMO_REGIONS.flatMap(unitsOf);

interface DemoUser {
  username: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '流程管理员 王敏', unitCode: '990100-petition-office', roles: ['process-admin'] },
  { username: 'city.registrar', displayName: '市信访局登记员 李静', unitCode: '990100-petition-office', roles: ['registrar'] },
  { username: 'city.handler', displayName: '市信访局经办人 赵强', unitCode: '990100-petition-office', roles: ['handler'] },
  { username: 'city.head', displayName: '市信访局负责人 孙建国', unitCode: '990100-petition-office', roles: ['unit-head'] },
  { username: 'city.supervisor', displayName: '市信访局督查员 周丽', unitCode: '990100-petition-office', roles: ['supervisor'] },
  { username: 'city.housing', displayName: '市住建局经办人 吴磊', unitCode: '990100-dept-housing', roles: ['handler'] },
  { username: 'donghu.registrar', displayName: '东湖区前台登记员 陈晨', unitCode: '990102-petition-office', roles: ['registrar'] },
  { username: 'donghu.supervisor', displayName: '东湖区督查员 郑红', unitCode: '990102-petition-office', roles: ['supervisor'] },
  // Decides the reviews (复查) of the township offices' replies, the county office being the body above them.
  { username: 'donghu.handler', displayName: '东湖区信访局经办人 钱进', unitCode: '990102-petition-office', roles: ['handler'] },
  { username: 'donghu.room1', displayName: '东湖区第一办理室经办人 刘洋', unitCode: '990102-handling-room-1', roles: ['handler'] },
  { username: 'donghu.room1.head', displayName: '东湖区第一办理室主任 马骏', unitCode: '990102-handling-room-1', roles: ['unit-head'] },
  { username: 'donghu.room2', displayName: '东湖区第二办理室经办人 孙悦', unitCode: '990102-handling-room-2', roles: ['handler'] },
  { username: 'donghu.discipline', displayName: '东湖区纪委监委经办人 黄河', unitCode: '990102-discipline', roles: ['handler'] },
  { username: 'qingshan.registrar', displayName: '青山县前台登记员 林芳', unitCode: '990121-petition-office', roles: ['registrar'] },
  { username: 'qingshan.supervisor', displayName: '青山县督查员 冯涛', unitCode: '990121-petition-office', roles: ['supervisor'] },
  { username: 'qingshan.room1', displayName: '青山县第一办理室经办人 何伟', unitCode: '990121-handling-room-1', roles: ['handler'] },
  { username: 'qingshan.discipline', displayName: '青山县纪委监委经办人 韩冰', unitCode: '990121-discipline', roles: ['handler'] },
  { username: 'dhjd.handler', displayName: '东湖街道调处室经办人 徐亮', unitCode: '990102001-petition-office', roles: ['handler', 'registrar'] },
  { username: 'dhjd.head', displayName: '东湖街道调处室主任 高峰', unitCode: '990102001-petition-office', roles: ['unit-head'] },
  { username: 'dhsq.agent', displayName: '东湖社区代办员 罗梅', unitCode: '990102001001-agent-station', roles: ['agent'] },
  { username: 'sysadmin', displayName: '系统管理员', unitCode: '990100-petition-office', roles: ['system-admin'] },
  { username: 'secadmin', displayName: '安全管理员', unitCode: '990100-petition-office', roles: ['security-admin'] },
  { username: 'auditor', displayName: '安全审计员', unitCode: '990100-petition-office', roles: ['auditor'] },
];
